'use strict';
// The media manager's side of a library: a temporary folder tree that path_mappings map onto
// the emulator's server paths (the driver's safety gate checks that these paths exist).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

class MediaTree {
  constructor(prefix = 'pd-node-media-') {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  }

  /** Creates `relative` (a file when it has an extension, else a folder); returns its path. */
  add(relative) {
    const full = path.join(this.root, relative);
    if (path.extname(relative)) {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, '');
    } else {
      fs.mkdirSync(full, { recursive: true });
    }
    return full;
  }

  path(relative) {
    return path.join(this.root, relative);
  }

  remove(relative) {
    fs.rmSync(path.join(this.root, relative), { recursive: true, force: true });
  }

  cleanup() {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

module.exports = { MediaTree };
