resource "aws_dynamodb_table" "inventory" {
  name         = "shop-inventory"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "sku"

  attribute {
    name = "sku"
    type = "S"
  }

  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  replica {
    region_name = "us-west-2"
  }

  point_in_time_recovery {
    enabled = true
  }
}

resource "aws_s3_bucket" "assets" {
  bucket = "shop-assets-123456789012"
}

resource "aws_s3_bucket" "assets_dr" {
  provider = aws.dr
  bucket   = "shop-assets-dr-123456789012"
}

resource "aws_s3_bucket_replication_configuration" "assets" {
  role   = aws_iam_role.replication.arn
  bucket = aws_s3_bucket.assets.id

  rule {
    id     = "everything"
    status = "Enabled"

    destination {
      bucket        = aws_s3_bucket.assets_dr.arn
      storage_class = "STANDARD"
    }
  }
}

resource "aws_iam_role" "replication" {
  name = "shop-assets-replication"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "s3.amazonaws.com" }
    }]
  })
}

resource "aws_db_instance" "analytics" {
  identifier          = "shop-analytics"
  engine              = "postgres"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  username            = "analytics"
  manage_master_user_password = true
  availability_zone   = "us-east-1a"
  skip_final_snapshot = true
}

resource "aws_kms_key" "data" {
  description             = "Encrypts the inventory table and the asset buckets"
  deletion_window_in_days = 30
  enable_key_rotation     = true
}

resource "aws_sqs_queue" "fulfilment" {
  name                      = "shop-fulfilment"
  message_retention_seconds = 345600
}
