output "cluster_name" {
  description = "EKS cluster (aws eks update-kubeconfig --name <this>)."
  value       = module.eks.cluster_name
}

output "database_endpoint" {
  description = "RDS PostgreSQL endpoint (private subnets only)."
  value       = module.database.endpoint
}

output "redis_endpoint" {
  description = "ElastiCache Redis primary endpoint."
  value       = module.cache.endpoint
}

output "gateway_hostname_hint" {
  description = "How to find the ALB in front of the gateway."
  value       = "kubectl -n aurixa get ingress aurixa -o jsonpath='{.status.loadBalancer.ingress[0].hostname}'"
}
