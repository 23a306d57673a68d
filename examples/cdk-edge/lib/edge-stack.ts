import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';

export class EdgeStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const siteBucket = new s3.Bucket(this, 'SiteBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
    });

    const certificate = new acm.Certificate(this, 'SiteCertificate', {
      domainName: 'shop.example.com',
      validation: acm.CertificateValidation.fromDns(),
    });

    const securityHeaders = new cloudfront.experimental.EdgeFunction(this, 'SecurityHeaders', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/security-headers'),
    });

    new cloudfront.Distribution(this, 'SiteDistribution', {
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(siteBucket),
        edgeLambdas: [{ functionVersion: securityHeaders.currentVersion, eventType: cloudfront.LambdaEdgeEventType.VIEWER_RESPONSE }],
      },
      domainNames: ['shop.example.com'],
      certificate,
    });
  }
}
