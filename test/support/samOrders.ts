/**
 * The smallest realistic SAM service the engine tests share: an on-demand DynamoDB table and a
 * Python function whose code is `src/handler.py`. Tests add a samconfig, a handler or a workflow
 * beside it to say where it is deployed and what the code does.
 */
export const ORDERS_SAM_TEMPLATE = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Transform: AWS::Serverless-2016-10-31',
  'Resources:',
  '  OrdersTable:',
  '    Type: AWS::DynamoDB::Table',
  '    Properties:',
  '      BillingMode: PAY_PER_REQUEST',
  '  OrdersFunction:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      CodeUri: src/',
  '      Handler: handler.main',
  '      Runtime: python3.12',
  '',
].join('\n');
