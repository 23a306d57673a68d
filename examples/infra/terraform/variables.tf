variable "primary_region" {
  description = "Region the shop runs in."
  type        = string
  default     = "us-east-1"
}

variable "environment" {
  type    = string
  default = "production"
}
