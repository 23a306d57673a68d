"""Fulfilment worker: takes orders off the queue and reserves stock."""
import json
import os

import boto3

REGION = os.environ.get("AWS_REGION", "eu-west-1")

sqs = boto3.client("sqs", region_name=REGION)
dynamodb = boto3.resource("dynamodb", region_name=REGION)
inventory = dynamodb.Table("shop-inventory")

QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/shop-fulfilment"


def poll_once():
    response = sqs.receive_message(QueueUrl=QUEUE_URL, MaxNumberOfMessages=10, WaitTimeSeconds=20)
    for message in response.get("Messages", []):
        order = json.loads(message["Body"])
        for line in order["lines"]:
            inventory.update_item(
                Key={"sku": line["sku"]},
                UpdateExpression="SET reserved = reserved + :n",
                ExpressionAttributeValues={":n": line["quantity"]},
            )
        sqs.delete_message(QueueUrl=QUEUE_URL, ReceiptHandle=message["ReceiptHandle"])


if __name__ == "__main__":
    while True:
        poll_once()
