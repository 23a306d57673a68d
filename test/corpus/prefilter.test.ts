/** Slow suite: the shared trigger prefilter over every file of the public corpus in ../shared/corpus. */
import { strict as assert } from 'node:assert';
import { assertPrefilterKeeps } from '../core/scanners/prefilterCheck';
import { sharedCorpus } from '../support/corpus';

describe('shared trigger prefilter over the public corpus (../shared/corpus)', function () {
  this.timeout(120_000);
  it('lets through every corpus file that some scanner accepts (templates, Terraform modules, serverless samples)', () => {
    const roots = ['aws-cloudformation-templates', 'terraform-aws-modules__terraform-aws-vpc', 'terraform-aws-modules__terraform-aws-lambda', 'aws-samples__serverless-test-samples'].map(sharedCorpus);
    const accepted = assertPrefilterKeeps(roots);
    assert.ok(accepted > 400, `only ${accepted} accepted files were checked`);
  });
});
