# Installs the AWS Load Balancer Controller (so the chart's Ingress becomes an ALB in the public subnets) and
# the AURIXA chart (deploy/helm/aurixa) with RDS, ElastiCache and generated secrets. Only the gateway is
# behind the ALB; the chart's NetworkPolicies keep every other role internal.

variable "name" { type = string }
variable "region" { type = string }
variable "vpc_id" { type = string }
variable "cluster_name" { type = string }
variable "oidc_issuer_url" { type = string }
variable "image_repository" { type = string }
variable "image_tag" { type = string }
variable "domain" { type = string }
variable "certificate_arn" { type = string }
variable "seed_demo_data" { type = bool }

variable "database_url" {
  type      = string
  sensitive = true
}

variable "redis_url" { type = string }

variable "namespace" {
  type    = string
  default = "aurixa"
}

# The controller's IAM policy, published with each controller release (docs/OPERATIONS.md says where).
variable "alb_controller_policy_file" {
  type    = string
  default = "alb-controller-iam-policy.json"
}

data "aws_caller_identity" "current" {}

locals {
  oidc_host = replace(var.oidc_issuer_url, "https://", "")
  chart_dir = "${path.module}/../../../helm/aurixa"
  alb_annotations = merge(
    {
      "alb.ingress.kubernetes.io/scheme"           = "internet-facing"
      "alb.ingress.kubernetes.io/target-type"      = "ip"
      "alb.ingress.kubernetes.io/healthcheck-path" = "/health"
    },
    var.certificate_arn == "" ? {} : {
      "alb.ingress.kubernetes.io/certificate-arn" = var.certificate_arn
      "alb.ingress.kubernetes.io/listen-ports"    = "[{\"HTTPS\":443}]"
    },
  )
}

# ---- AWS Load Balancer Controller (IAM role for its service account) ----

data "aws_iam_policy_document" "alb_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/${local.oidc_host}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:sub"
      values   = ["system:serviceaccount:kube-system:aws-load-balancer-controller"]
    }
  }
}

resource "aws_iam_role" "alb_controller" {
  name               = "${var.name}-alb-controller"
  assume_role_policy = data.aws_iam_policy_document.alb_assume.json
}

resource "aws_iam_role_policy" "alb_controller" {
  role   = aws_iam_role.alb_controller.id
  policy = file(var.alb_controller_policy_file)
}

resource "helm_release" "alb_controller" {
  name       = "aws-load-balancer-controller"
  namespace  = "kube-system"
  repository = "https://aws.github.io/eks-charts"
  chart      = "aws-load-balancer-controller"
  values = [yamlencode({
    clusterName = var.cluster_name
    region      = var.region
    vpcId       = var.vpc_id
    serviceAccount = {
      name        = "aws-load-balancer-controller"
      annotations = { "eks.amazonaws.com/role-arn" = aws_iam_role.alb_controller.arn }
    }
  })]
}

# ---- AURIXA ----

resource "random_password" "secret" {
  for_each = toset(["internal_token", "jwt_secret", "demo_password"])
  length   = 48
  special  = false
}

resource "helm_release" "aurixa" {
  name             = "aurixa"
  namespace        = var.namespace
  create_namespace = true
  chart            = local.chart_dir
  timeout          = 900
  values = [yamlencode({
    image      = { repository = var.image_repository, tag = var.image_tag }
    postgresql = { enabled = false }
    redis      = { url = var.redis_url }
    migration  = { seedDemoData = var.seed_demo_data }
    ingress = {
      enabled     = true
      className   = "alb"
      host        = var.domain
      annotations = local.alb_annotations
    }
  })]
  set_sensitive {
    name  = "externalDatabase.url"
    value = var.database_url
  }
  set_sensitive {
    name  = "secrets.internalToken"
    value = random_password.secret["internal_token"].result
  }
  set_sensitive {
    name  = "secrets.jwtSecret"
    value = random_password.secret["jwt_secret"].result
  }
  set_sensitive {
    name  = "secrets.demoPassword"
    value = random_password.secret["demo_password"].result
  }
  depends_on = [helm_release.alb_controller]
}
