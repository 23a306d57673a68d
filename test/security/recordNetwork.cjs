// Preloaded (`node --require`) into a CLI or language-server process under test: records every
// outbound network attempt — socket connections (which HTTP, HTTPS and the AWS SDK all go
// through) and DNS queries — one JSON line each, to the file named by
// OUTAGE_RADAR_TEST_NETWORK_LOG. The security tests read it to prove where the process went.
'use strict';
const { appendFileSync } = require('node:fs');
const dns = require('node:dns');
const net = require('node:net');

const target = process.env.OUTAGE_RADAR_TEST_NETWORK_LOG;
if (target) {
  const record = (entry) => appendFileSync(target, `${JSON.stringify(entry)}\n`);
  // Proof that the recorder ran in this process (a test that sees no traffic must know it looked).
  record({ kind: 'loaded', pid: process.pid });

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    const first = args[0];
    const options = Array.isArray(first) ? first[0] : first;
    if (options && typeof options === 'object') {
      if (options.path) record({ kind: 'ipc', path: String(options.path) });
      else record({ kind: 'connect', host: String(options.host ?? 'localhost'), port: Number(options.port) });
    } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
      record({ kind: 'connect', host: String(typeof args[1] === 'string' ? args[1] : 'localhost'), port: Number(first) });
    } else if (typeof first === 'string') {
      record({ kind: 'ipc', path: first });
    }
    return connect.apply(this, args);
  };

  const wrap = (object, names) => {
    for (const name of names) {
      const original = object[name];
      if (typeof original !== 'function') continue;
      object[name] = function (host, ...rest) {
        record({ kind: 'dns', method: name, host: String(host) });
        return original.call(this, host, ...rest);
      };
    }
  };
  const DNS_METHODS = ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveTxt', 'resolveSrv', 'resolveNs', 'resolveMx'];
  wrap(dns, DNS_METHODS);
  wrap(dns.promises, DNS_METHODS);
  wrap(dns.Resolver.prototype, DNS_METHODS);
  wrap(dns.promises.Resolver.prototype, DNS_METHODS);
}
