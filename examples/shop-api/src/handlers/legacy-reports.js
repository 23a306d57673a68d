// Nightly sales report. Still on the AWS SDK for JavaScript v2.
const AWS = require('aws-sdk');

AWS.config.update({ region: 'us-east-1' });

const s3 = new AWS.S3();
const sts = new AWS.STS();

exports.handler = async () => {
  const identity = await sts.getCallerIdentity().promise();
  const body = JSON.stringify({ generatedAt: new Date().toISOString(), account: identity.Account });
  await s3
    .putObject({ Bucket: process.env.REPORTS_BUCKET, Key: `daily/${Date.now()}.json`, Body: body })
    .promise();
  // Legacy consumers still download through the global endpoint.
  return { url: `https://s3.amazonaws.com/${process.env.REPORTS_BUCKET}/latest.json` };
};
