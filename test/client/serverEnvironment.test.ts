import { strict as assert } from 'node:assert';
import { serverEnvironment } from '../../src/client/serverEnvironment';

describe('the language server environment', () => {
  it('keeps the editor environment and caps malloc arenas at two', () => {
    const env = serverEnvironment({ PATH: '/usr/bin', AWS_PROFILE: 'dev' });
    assert.deepEqual(env, { PATH: '/usr/bin', AWS_PROFILE: 'dev', MALLOC_ARENA_MAX: '2' });
  });

  it('leaves a MALLOC_ARENA_MAX the user set alone', () => {
    assert.equal(serverEnvironment({ MALLOC_ARENA_MAX: '8' }).MALLOC_ARENA_MAX, '8');
  });
});
