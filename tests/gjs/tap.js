// tap.js: a tiny TAP harness for the GJS tests
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Usage (ES module):
//
//     import * as tap from './tap.js';
//     tap.plan(2);
//     tap.test('opens a file', () => { tap.ok(file.is_open(), 'is open'); });
//     tap.test('async read', async () => { const b = await tap.callAsync(file, 'read_bytes', -1, null); });
//     tap.run();
//
// Tests run one after another inside a GLib.MainLoop, so asynchronous
// operations complete and their callbacks (and promises) run. A test
// passes when its function returns (or its promise resolves) without
// throwing; each has a time limit. The script prints TAP ("1..N",
// "ok N - name" / "not ok N - name" with "# " diagnostics) and exits with
// status 1 if any test failed.

import GLib from 'gi://GLib';
import system from 'system';

const DEFAULT_TIMEOUT_MS = 10000;

const tests = [];
let planned = -1;

export class AssertionError extends Error {
    constructor(message) {
        super(message);
        this.name = 'AssertionError';
    }
}

function describe(value) {
    if (typeof value === 'bigint')
        return `${value}n`;
    if (value instanceof GLib.Error)
        return `GLib.Error(${GLib.quark_to_string(value.domain)}, ${value.code}, ${value.message})`;
    try {
        return JSON.stringify(value, (k, v) => typeof v === 'bigint' ? `${v}n` : v);
    } catch {
        return String(value);
    }
}

// Registers a test; @fn may be async. @timeoutMs bounds it.
export function test(name, fn, timeoutMs = DEFAULT_TIMEOUT_MS) {
    tests.push({name, fn, timeoutMs});
}

// Declares how many tests the script registers; run() fails the run when
// the count differs (a test that was never registered is a failure too).
export function plan(count) {
    planned = count;
}

export function diag(message) {
    for (const line of String(message).split('\n'))
        print(`# ${line}`);
}

export function ok(condition, message = 'expected a true value') {
    if (!condition)
        throw new AssertionError(message);
}

// Strict equality.
export function is(actual, expected, message = '') {
    if (actual !== expected) {
        throw new AssertionError(
            `${message ? `${message}: ` : ''}got ${describe(actual)}, expected ${describe(expected)}`);
    }
}

function deepEquals(a, b) {
    if (a === b)
        return true;
    if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object')
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    if (a instanceof Uint8Array || b instanceof Uint8Array) {
        if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length)
            return false;
        return a.every((v, i) => v === b[i]);
    }
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length)
        return false;
    return ka.every(k => Object.prototype.hasOwnProperty.call(b, k) && deepEquals(a[k], b[k]));
}

// Structural equality of arrays, plain objects, Uint8Arrays and primitives.
export function deepEqual(actual, expected, message = '') {
    if (!deepEquals(actual, expected)) {
        throw new AssertionError(
            `${message ? `${message}: ` : ''}got ${describe(actual)}, expected ${describe(expected)}`);
    }
}

function checkGError(error, domain, code, message) {
    if (!(error instanceof GLib.Error))
        throw new AssertionError(`${message}: expected a GLib.Error, got ${describe(error)}`);
    if (!error.matches(domain, code)) {
        throw new AssertionError(
            `${message}: got ${describe(error)}, expected ${GLib.quark_to_string(domain)} ${code}`);
    }
    return error;
}

// Asserts that @fn throws a GLib.Error of @domain (a quark) and @code;
// returns the error.
export function throwsGError(fn, domain, code, message = 'expected a GLib.Error') {
    try {
        fn();
    } catch (e) {
        return checkGError(e, domain, code, message);
    }
    throw new AssertionError(`${message}: nothing was thrown`);
}

// The same for a promise.
export async function rejectsGError(promise, domain, code, message = 'expected a GLib.Error') {
    try {
        await promise;
    } catch (e) {
        return checkGError(e, domain, code, message);
    }
    throw new AssertionError(`${message}: the promise resolved`);
}

// Calls obj.<name>_async(...args, callback) and resolves with
// obj.<name>_finish(result) (or rejects with what it throws).
export function callAsync(obj, name, ...args) {
    return new Promise((resolve, reject) => {
        obj[`${name}_async`](...args, (source, result) => {
            try {
                resolve(obj[`${name}_finish`](result));
            } catch (e) {
                reject(e);
            }
        });
    });
}

function withTimeout(promise, ms, name) {
    let id = 0;
    const timeout = new Promise((resolve, reject) => {
        id = GLib.timeout_add(GLib.PRIORITY_DEFAULT, ms, () => {
            id = 0;
            reject(new AssertionError(`${name}: timed out after ${ms} ms`));
            return GLib.SOURCE_REMOVE;
        });
    });
    return Promise.race([promise, timeout]).finally(() => {
        if (id !== 0)
            GLib.source_remove(id);
    });
}

// Runs every registered test in a main loop, prints TAP and exits.
export function run() {
    const loop = new GLib.MainLoop(null, false);
    let failed = 0;

    print(`1..${tests.length}`);
    if (planned >= 0 && planned !== tests.length) {
        failed++;
        diag(`planned ${planned} tests but ${tests.length} were registered`);
    }

    const driver = async () => {
        for (let i = 0; i < tests.length; i++) {
            const {name, fn, timeoutMs} = tests[i];
            try {
                // eslint-disable-next-line no-await-in-loop
                await withTimeout(Promise.resolve().then(() => fn()), timeoutMs, name);
                print(`ok ${i + 1} - ${name}`);
            } catch (e) {
                failed++;
                print(`not ok ${i + 1} - ${name}`);
                diag(e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : describe(e));
            }
        }
    };

    GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
        driver().catch(e => {
            failed++;
            diag(`harness error: ${e}`);
        }).finally(() => loop.quit());
        return GLib.SOURCE_REMOVE;
    });
    loop.run();

    if (failed > 0)
        diag(`${failed} of ${tests.length} tests failed`);
    system.exit(failed > 0 ? 1 : 0);
}
