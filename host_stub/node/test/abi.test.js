'use strict';
// The koffi declarations (lib/abi.js) say what the C header says: the version, the status list,
// the error capacity, and every size and offset the C ABI tests pin (tests/abi/
// header_layout_check.h). A change to the header that the adapter does not follow fails here.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const test = require('node:test');

const abi = require('../lib/abi');
const env = require('./support/env');

const header = fs.readFileSync(env.HEADER, 'utf8');

function define(name) {
  const m = new RegExp(`#define ${name} (\\S+)`).exec(header);
  assert.ok(m, `${name} is defined in player_driver.h`);
  return m[1].replace(/^"|"$/g, '');
}

test('version, entry symbol, interface id and error capacity match the header', () => {
  assert.equal(abi.ABI_MAJOR, Number(define('PD_ABI_MAJOR')));
  assert.equal(abi.ABI_MINOR, Number(define('PD_ABI_MINOR')));
  assert.equal(abi.ENTRY_SYMBOL, define('PD_ENTRY_SYMBOL'));
  assert.equal(abi.DRIVER_INTERFACE_ID, define('PD_DRIVER_INTERFACE_ID'));
  assert.equal(abi.ERROR_MESSAGE_CAPACITY, Number(define('PD_ERROR_MESSAGE_CAPACITY')));
});

test('the status list matches the header, code for code', () => {
  const codes = [...header.matchAll(/#define PD_(OK|ERR_[A-Z_]+) (\d+)/g)]
    .map(([, name, code]) => [name === 'OK' ? 'ok' : name.slice(4).toLowerCase(), Number(code)]);
  assert.equal(codes.length, Number(define('PD_STATUS_COUNT')));
  for (const [name, code] of codes) {
    assert.equal(abi.statusName(code), name);
    assert.equal(abi.Status[name.toUpperCase()], code);
  }
  assert.equal(abi.statusName(99), 'internal', 'an unknown code reads as internal');
  const levels = [...header.matchAll(/#define PD_LOG_([A-Z]+) (\d+)/g)];
  for (const [, name, value] of levels) assert.equal(abi.LogLevel[name], Number(value));
});

test('struct sizes and offsets match the C layout pins (LP64)', { skip: process.arch !== 'x64' && process.arch !== 'arm64' }, () => {
  const pins = fs.readFileSync(env.LAYOUT_CHECK, 'utf8');
  const { koffi, types } = abi;
  let checked = 0;
  for (const [, struct, member, value] of pins.matchAll(/offsetof\((pd_\w+), (\w+)\) == (\d+)/g)) {
    assert.equal(koffi.offsetof(types[struct], member), Number(value), `${struct}.${member}`);
    checked += 1;
  }
  for (const [, struct, op, value] of pins.matchAll(/sizeof\((pd_\w+)\) (==|>=) (\d+)/g)) {
    const size = koffi.sizeof(types[struct]);
    if (op === '==') assert.equal(size, Number(value), `sizeof(${struct})`);
    else assert.ok(size >= Number(value), `sizeof(${struct}) >= ${value}`);
    checked += 1;
  }
  assert.ok(checked >= 20, `${checked} pins checked`);
  // This header's full tables: 1.2 appended pd_host.event and two pd_driver members.
  assert.equal(koffi.sizeof(types.pd_host), 48);
  assert.equal(koffi.sizeof(types.pd_driver), 80);
  assert.deepEqual(abi.DRIVER_MEMBERS.map((m) => koffi.offsetof(types.pd_driver, m)), [8, 16, 24, 32, 40, 48, 56, 64, 72]);
});

test('every pd_driver member of the header is declared, in header order', () => {
  const table = /typedef struct pd_driver \{([\s\S]*?)\} pd_driver;/.exec(header)[1];
  const members = [...table.matchAll(/\(\*(\w+)\)\(/g)].map((m) => m[1]);
  assert.deepEqual(members, abi.DRIVER_MEMBERS);
});

test('every pd_account member of the header is declared, in header order', () => {
  const table = /typedef struct pd_account \{([\s\S]*?)\} pd_account;/.exec(header)[1];
  const members = [...table.matchAll(/\(\*(\w+)\)\(/g)].map((m) => m[1]);
  assert.deepEqual(members, abi.ACCOUNT_MEMBERS);
  assert.equal(abi.ACCOUNT_INTERFACE_ID, define('PD_ACCOUNT_INTERFACE_ID'));
});

test('every pd_account function is declared with the header\'s parameters and result', () => {
  const table = /typedef struct pd_account \{([\s\S]*?)\} pd_account;/.exec(header)[1].replace(/\/\*[\s\S]*?\*\//g, '');
  const { koffi } = abi;
  const functions = [...table.matchAll(/(pd_status|void)\s*\(\*(\w+)\)\(([^)]*)\)/g)];
  assert.deepEqual(functions.map((f) => f[2]), abi.ACCOUNT_MEMBERS);
  for (const [, result, member, params] of functions) {
    const proto = koffi.type(abi.accountFn[member]).proto;
    const wanted = params.split(',').map((p) => p.trim().replace(/\s+\w+$/, '').replace(/\s+/g, ''));
    const declared = proto.arguments.map((a) => a.type.name.replace(/\s+/g, ''));
    assert.equal(declared.length, wanted.length, `${member}: ${wanted.join(', ')}`);
    // koffi's type names leave out const; pd_status is int32_t.
    wanted.forEach((type, i) => assert.equal(declared[i], type.replace(/^const/, ''), `${member} parameter ${i}`));
    assert.equal(proto.result.name, result === 'void' ? 'void' : 'int32_t', `${member} result`);
  }
});

test('pd.provider/1: every pd_provider member and function matches the header', () => {
  const table = /typedef struct pd_provider \{([\s\S]*?)\} pd_provider;/.exec(header)[1].replace(/\/\*[\s\S]*?\*\//g, '');
  const { koffi } = abi;
  const functions = [...table.matchAll(/(pd_status|void)\s*\(\*(\w+)\)\(([^)]*)\)/g)];
  assert.deepEqual(functions.map((f) => f[2]), abi.PROVIDER_MEMBERS);
  assert.equal(abi.PROVIDER_INTERFACE_ID, define('PD_PROVIDER_INTERFACE_ID'));
  for (const [, result, member, params] of functions) {
    const proto = koffi.type(abi.providerFn[member]).proto;
    const wanted = params.split(',').map((p) => p.trim().replace(/\s+\w+$/, '').replace(/\s+/g, ''));
    const declared = proto.arguments.map((a) => a.type.name.replace(/\s+/g, ''));
    assert.equal(declared.length, wanted.length, `${member}: ${wanted.join(', ')}`);
    wanted.forEach((type, i) => assert.equal(declared[i], type.replace(/^const/, ''), `${member} parameter ${i}`));
    assert.equal(proto.result.name, result === 'void' ? 'void' : 'int32_t', `${member} result`);
  }
});

test('pd.provider/1: the HTTP structs have the header\'s members, in order, with LP64 offsets', { skip: process.arch !== 'x64' && process.arch !== 'arm64' }, () => {
  const { koffi, types } = abi;
  const members = (name) => {
    const body = new RegExp(`typedef struct ${name} \\{([\\s\\S]*?)\\} ${name};`).exec(header)[1]
      .replace(/\/\*[\s\S]*?\*\//g, '');
    return [...body.matchAll(/(?:\(\*(\w+)\)\(|(\w+);)/g)].map((m) => m[1] || m[2]);
  };
  const layouts = {
    pd_http_header: [['name', 0], ['value', 8], 16],
    pd_http_request: [['struct_size', 0], ['method', 8], ['path', 16], ['query', 24], ['headers', 32],
      ['header_count', 40], ['body', 48], ['body_size', 56], ['base_url', 64], 72],
    pd_http_response: [['struct_size', 0], ['ctx', 8], ['start', 16], ['write', 24], 32],
    pd_provider: [['struct_size', 0], ['create', 8], ['destroy', 16], ['handle', 24], ['check', 32], 40],
  };
  for (const [struct, layout] of Object.entries(layouts)) {
    const size = layout.pop();
    assert.deepEqual(members(struct), layout.map(([m]) => m), `${struct} members`);
    for (const [member, offset] of layout) assert.equal(koffi.offsetof(types[struct], member), offset, `${struct}.${member}`);
    assert.equal(koffi.sizeof(types[struct]), size, `sizeof(${struct})`);
  }
});
