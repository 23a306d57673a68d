/** The CloudFormation scanner over the licensed subset of AWS's template repository kept in the repository. */
import { CFN_SUBSET } from '../../support/corpus';
import { describeTemplateCorpus } from './cloudformationCorpus';

describeTemplateCorpus('CloudFormation scanner over the AWS template corpus subset (test/fixtures/corpus)', () => CFN_SUBSET, 24);
