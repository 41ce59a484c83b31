# The seed's AWS layout: a VPC with public and private subnets, EKS with three workers, RDS PostgreSQL 16,
# ElastiCache Redis, and the AURIXA Helm chart behind an ALB (AWS Load Balancer Controller). docs/OPERATIONS.md
# ("AWS with Terraform") has the steps.

module "network" {
  source             = "./modules/network"
  name               = var.environment
  cidr               = var.vpc_cidr
  availability_zones = var.availability_zones
}

module "eks" {
  source             = "./modules/eks"
  name               = var.environment
  vpc_id             = module.network.vpc_id
  private_subnet_ids = module.network.private_subnet_ids
  instance_type      = var.node_instance_type
  node_count         = var.node_count
}

module "database" {
  source             = "./modules/database"
  name               = var.environment
  vpc_id             = module.network.vpc_id
  private_subnet_ids = module.network.private_subnet_ids
  allowed_sg_id      = module.eks.node_security_group_id
  instance_class     = var.db_instance_class
}

module "cache" {
  source             = "./modules/cache"
  name               = var.environment
  vpc_id             = module.network.vpc_id
  private_subnet_ids = module.network.private_subnet_ids
  allowed_sg_id      = module.eks.node_security_group_id
  node_type          = var.redis_node_type
}

module "aurixa" {
  source           = "./modules/aurixa"
  name             = var.environment
  region           = var.region
  vpc_id           = module.network.vpc_id
  cluster_name     = module.eks.cluster_name
  oidc_issuer_url  = module.eks.oidc_issuer_url
  image_repository = var.image_repository
  image_tag        = var.image_tag
  database_url     = module.database.url
  redis_url        = module.cache.url
  domain           = var.domain
  certificate_arn  = var.certificate_arn
  seed_demo_data   = var.seed_demo_data
}
