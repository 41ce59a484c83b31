# RDS PostgreSQL 16 in the private subnets, reachable only from the EKS nodes. Encrypted, Multi-AZ, with
# automated backups; the password is generated and handed to the chart inside DATABASE_URL.

variable "name" { type = string }
variable "vpc_id" { type = string }
variable "private_subnet_ids" { type = list(string) }
variable "allowed_sg_id" { type = string }
variable "instance_class" { type = string }

resource "random_password" "db" {
  length  = 32
  special = false
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.private_subnet_ids
}

resource "aws_security_group" "db" {
  name   = "${var.name}-postgres"
  vpc_id = var.vpc_id
  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [var.allowed_sg_id]
  }
}

resource "aws_db_instance" "this" {
  identifier                = var.name
  engine                    = "postgres"
  engine_version            = "16"
  instance_class            = var.instance_class
  allocated_storage         = 50
  max_allocated_storage     = 500
  storage_encrypted         = true
  multi_az                  = true
  db_name                   = "aurixa"
  username                  = "aurixa"
  password                  = random_password.db.result
  db_subnet_group_name      = aws_db_subnet_group.this.name
  vpc_security_group_ids    = [aws_security_group.db.id]
  backup_retention_period   = 14
  deletion_protection       = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "${var.name}-final"
}

output "endpoint" { value = aws_db_instance.this.address }
output "url" {
  value     = "postgresql://aurixa:${random_password.db.result}@${aws_db_instance.this.address}:5432/aurixa"
  sensitive = true
}
