'use strict';
// @plexdriver/player-driver-host: load PlayerDriver modules (plugin_api/) from Node.js.
// Types: index.d.ts (the adapter) and documents.d.ts (the JSON documents).

const abi = require('./abi');
const account = require('./account');
const calls = require('./calls');
const driver = require('./driver');
const provider = require('./provider');
const errors = require('./errors');
const schemas = require('./schemas');

module.exports = {
  loadDriver: driver.loadDriver,
  discoverDrivers: driver.discoverDrivers,
  DriverLibrary: driver.DriverLibrary,
  DriverInstance: driver.DriverInstance,
  AccountClient: account.AccountClient,
  Provider: provider.Provider,
  DriverLoadError: errors.DriverLoadError,
  DriverCallError: errors.DriverCallError,
  createValidators: schemas.createValidators,
  Status: abi.Status,
  statusName: abi.statusName,
  ABI_MAJOR: abi.ABI_MAJOR,
  ABI_MINOR: abi.ABI_MINOR,
  DRIVER_INTERFACE_ID: abi.DRIVER_INTERFACE_ID,
  ACCOUNT_INTERFACE_ID: abi.ACCOUNT_INTERFACE_ID,
  PROVIDER_INTERFACE_ID: abi.PROVIDER_INTERFACE_ID,
  counters: calls.counters,
};
