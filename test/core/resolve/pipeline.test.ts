import { strict as assert } from 'node:assert';
import { RESOLUTION_PASSES } from '../../../src/core/resolve';
import { analyseFiles } from '../../support/ruleTester';

describe('the resolution pipeline', () => {
  it('runs imported clients after the format passes and before the deploy pass', () => {
    assert.deepEqual(RESOLUTION_PASSES.map((p) => p.id), ['terraform', 'cdk', 'pulumi', 'js-imports', 'deploy', 'global-services', 'links']);
  });

  it('gives calls through a client exported by another module that client\'s region (the AWS SDK examples layout)', async () => {
    const map = await analyseFiles({
      'src/libs/s3Client.js': 'import { S3Client } from "@aws-sdk/client-s3";\nexport const s3Client = new S3Client({ region: "eu-central-1" });\n',
      'src/upload.js': 'import { PutObjectCommand } from "@aws-sdk/client-s3";\nimport { s3Client } from "./libs/s3Client.js";\n\nexport const run = () => s3Client.send(new PutObjectCommand({ Bucket: "reports", Key: "a", Body: "b" }));\n',
    });
    const call = map.dependencies.find((d) => d.kind === 'sdk-call' && d.file === 'src/upload.js');
    const client = map.dependencies.find((d) => d.kind === 'sdk-client' && d.file === 'src/libs/s3Client.js');
    assert.ok(call && client);
    assert.equal(call.region, 'eu-central-1');
    assert.equal(call.service, 's3');
    assert.ok(call.links?.includes(client.id));
  });
});
