variable "region" {
  description = "AWS region."
  type        = string
  default     = "us-east-1"
}

variable "environment" {
  description = "Name of this installation (prefix of every resource)."
  type        = string
  default     = "aurixa-prod"
}

variable "vpc_cidr" {
  description = "CIDR of the VPC; split into public and private /20 subnets, one pair per zone."
  type        = string
  default     = "10.40.0.0/16"
}

variable "availability_zones" {
  description = "Zones for the subnets (EKS needs at least two)."
  type        = list(string)
  default     = ["us-east-1a", "us-east-1b", "us-east-1c"]
}

variable "node_instance_type" {
  description = "EKS worker instance type."
  type        = string
  default     = "m6i.large"
}

variable "node_count" {
  description = "EKS workers (the seed layout: 3)."
  type        = number
  default     = 3
}

variable "db_instance_class" {
  description = "RDS PostgreSQL instance class."
  type        = string
  default     = "db.t4g.medium"
}

variable "redis_node_type" {
  description = "ElastiCache Redis node type."
  type        = string
  default     = "cache.t4g.small"
}

variable "image_repository" {
  description = "Where the aurixa image (deploy/Dockerfile) was pushed, e.g. an ECR repository URL."
  type        = string
}

variable "image_tag" {
  description = "Tag of the aurixa image."
  type        = string
  default     = "0.1.0"
}

variable "domain" {
  description = "Host name served by the ALB (empty = any host)."
  type        = string
  default     = ""
}

variable "certificate_arn" {
  description = "ACM certificate for HTTPS on the ALB (empty = HTTP only)."
  type        = string
  default     = ""
}

variable "seed_demo_data" {
  description = "Load the demo clinics and accounts on install."
  type        = bool
  default     = false
}
