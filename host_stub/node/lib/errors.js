'use strict';
// The adapter's errors: a driver that does not load, and a driver call that refused to create
// something (an instance, an account client).

class DriverLoadError extends Error {
  // kind: open_failed | missing_entry | invalid_entry | incompatible_abi | missing_interface
  constructor(kind, message) {
    super(message);
    this.name = 'DriverLoadError';
    this.kind = kind;
  }
}

class DriverCallError extends Error {
  constructor(result) {
    super(result.message || result.statusName);
    this.name = 'DriverCallError';
    this.status = result.status;
    this.statusName = result.statusName;
    this.detail = result.detail;
    this.result = result;
  }
}

module.exports = { DriverLoadError, DriverCallError };
