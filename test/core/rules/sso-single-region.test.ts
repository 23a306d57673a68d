import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/sso-single-region';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

describe('sso-single-region', () => {
  describe('over hand-built dependencies', () => {
    it('reports sso_region settings, and only those', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'region-config', service: '*', name: 'sso_region', text: 'us-east-1', origin: 'aws-config', file: '.aws/config', line: 9, region: 'us-east-1', regionSource: 'config-file' }),
        dep({ kind: 'region-config', service: '*', name: 'region', text: 'eu-west-1', origin: 'aws-config', file: '.aws/config', line: 5, region: 'eu-west-1', regionSource: 'config-file' }),
      ]);
      assert.deepEqual(located(findings), ['.aws/config:9:1 info']);
      assert.match(findings[0].message, /^sso_region = us-east-1: sign-in through IAM Identity Center depends on us-east-1/);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports the sso_region of an sso-session in a committed AWS config', async () => {
      const map = await analyseFiles({
        '.aws/config': [
          '[profile dev]',
          'sso_session = corp',
          'sso_account_id = 111122223333',
          'sso_role_name = Developer',
          'region = eu-west-1',
          '',
          '[sso-session corp]',
          'sso_start_url = https://corp.awsapps.com/start',
          'sso_region = us-east-1',
          'sso_registration_scopes = sso:account:access',
          '',
        ].join('\n'),
      });
      assert.deepEqual(locations(findingsOf(map, 'sso-single-region')), ['.aws/config:9:1']);
    });

    it('says nothing about a config without Identity Center', async () => {
      const map = await analyseFiles({ '.aws/config': '[default]\nregion = eu-west-1\noutput = json\n' });
      assert.deepEqual(findingsOf(map, 'sso-single-region'), []);
    });
  });
});
