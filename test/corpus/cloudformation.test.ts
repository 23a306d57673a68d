/** Slow suite: the CloudFormation scanner over every template of AWS's public template repository. */
import { sharedCorpus } from '../support/corpus';
import { describeTemplateCorpus } from '../core/scanners/cloudformationCorpus';

describeTemplateCorpus('CloudFormation scanner over the whole AWS template corpus (../shared/corpus)', () => sharedCorpus('aws-cloudformation-templates'), 250);
