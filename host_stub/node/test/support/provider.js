// SPDX-License-Identifier: MIT
'use strict';
// Whether the driver under test offers the metadata provider interface ("pd.provider/1"): the
// provider tests are skipped, saying why, for a driver without it.

const fs = require('node:fs');

const pd = require('../../lib');
const env = require('./env');

function driverOffersProvider() {
  if (!fs.existsSync(env.DRIVER)) return false;
  const driver = pd.loadDriver(env.DRIVER);
  try {
    return driver.hasInterface(pd.PROVIDER_INTERFACE_ID);
  } finally {
    driver.close();
  }
}

// false when the driver offers it, else the reason to skip (node:test's `skip` option).
function skipWithoutProvider() {
  return driverOffersProvider()
    ? false
    : `the driver ${env.DRIVER} does not offer the metadata provider interface (${pd.PROVIDER_INTERFACE_ID})`;
}

module.exports = { driverOffersProvider, skipWithoutProvider };
