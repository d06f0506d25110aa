'use strict';
// Where the tests find what the C++ build made. ctest sets these variables (host_stub/node/
// CMakeLists.txt); run by hand, the defaults point into the repository's build/ tree.

const path = require('node:path');

const REPO = path.resolve(__dirname, '../../../..');
const BUILD = process.env.PD_BUILD_DIR || path.join(REPO, 'build');

module.exports = {
  REPO,
  BUILD,
  DRIVER: process.env.PD_DRIVER || path.join(BUILD, 'plex_plugin/libplex_driver.so'),
  EMULATOR: process.env.PD_EMULATOR || path.join(BUILD, 'tests/pms_emulator/pms_emulator'),
  PLEXTV_EMULATOR: process.env.PD_PLEXTV_EMULATOR || path.join(BUILD, 'tests/plextv_emulator/plextv_emulator'),
  ABI_DRIVERS: process.env.PD_ABI_DRIVERS || path.join(BUILD, 'tests/abi/drivers'),
  FIXTURES: path.join(REPO, 'tests/pms_emulator/fixtures'),
  HEADER: path.join(REPO, 'plugin_api/include/player_driver/player_driver.h'),
  LAYOUT_CHECK: path.join(REPO, 'tests/abi/header_layout_check.h'),
  SCHEMA_DIR: path.join(REPO, 'plugin_api/schemas/v1'),
};
