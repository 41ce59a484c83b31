#!/usr/bin/env python3
"""Checks the deployment artifacts against the code (ctest deploy.manifests):
  - the Helm chart renders (deploy/helm/render.py, or `helm template` when helm is installed) for a small
    install (in-chart PostgreSQL) and an AWS-style one (external DB, Redis, ALB ingress), every document is
    valid YAML with apiVersion/kind/metadata.name, and per role: Deployment running
    `aurixa serve --roles <role> --port <seed port>`, /health probes, a Service on the seed port, an HPA
    for the stateless roles, and a NetworkPolicy admitting exactly the roles that call it;
  - the Dockerfile is two-stage on Debian 12 and sets only settings the binary reads;
  - docker-compose.yml parses, runs the nine roles on their seed ports with every AURIXA_<ROLE>_URL set,
    and publishes only the gateway (3000);
  - every AURIXA_* / well-known variable the artifacts set is a setting the binary reads (src/);
  - deploy/terraform is `terraform fmt` clean when terraform is installed.
Roles and seed ports come from src/app/roles.cpp. Prints "N passed, N failed"; exits 1 on any failure.
"""
import os
import re
import shutil
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "deploy", "helm"))
import render  # noqa: E402

# Who may call whom (docs/OPERATIONS.md "Kubernetes"): the gateway calls every role; orchestration calls
# safety, rag, llm, agents and observability; agents call execution and rag; voice calls orchestration;
# every role reports to observability.
CALLS = {
    "gateway": {"orchestration", "llm", "agents", "rag", "safety", "voice", "execution", "observability"},
    "orchestration": {"safety", "rag", "llm", "agents", "observability"},
    "agents": {"execution", "rag"},
    "voice": {"orchestration"},
}
STATEFUL = {"voice", "observability"}  # no HPA (see values.yaml)
NOT_AURIXA = {"POSTGRES_PASSWORD"}  # read by the in-chart PostgreSQL container, not by aurixa

results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok)))
    if not ok:
        print(f"FAIL {name}" + (f": {detail}" if detail else ""))


def seed_roles():
    src = open(os.path.join(ROOT, "src/app/roles.cpp")).read()
    return {m.group(1): int(m.group(2)) for m in re.finditer(r'\{"([a-z]+)", "[a-z-]+", (\d+),', src)}


def expected_callers(roles):
    callers = {r: set() for r in roles}
    for src, dsts in CALLS.items():
        for d in dsts:
            callers[d].add(src)
    for r in roles:
        if r != "observability":
            callers["observability"].add(r)
    return callers


def known_env_names():
    """Environment names the binary reads: config.cpp's table plus getenv() calls anywhere in src/."""
    names = set()
    for dirpath, _, files in os.walk(os.path.join(ROOT, "src")):
        for f in files:
            if f.endswith((".cpp", ".hpp")):
                names.update(re.findall(r'"([A-Z][A-Z0-9_]{2,})"', open(os.path.join(dirpath, f), errors="replace").read()))
    return names


def env_ok(name, known, roles):
    m = re.fullmatch(r"AURIXA_([A-Z]+)_URL", name)
    if m and m.group(1).lower() in roles:
        return True  # AURIXA_<ROLE>_URL, built from the role name in config.cpp
    return name in known or name in NOT_AURIXA


def render_docs(sets, values_files=()):
    chart = os.path.join(ROOT, "deploy/helm/aurixa")
    if shutil.which("helm"):
        cmd = ["helm", "template", "aurixa", chart]
        for f in values_files:
            cmd += ["-f", f]
        for s in sets:
            cmd += ["--set", s]
        text = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    else:
        text = "\n".join("---\n" + t for _, t in render.render_chart(chart, "aurixa", "clinic", values_files, sets))
    return [d for d in yaml.safe_load_all(text) if d]


def check_chart(roles, known):
    base = ["secrets.internalToken=tok", "secrets.jwtSecret=" + "s" * 32, "secrets.demoPassword=pw"]
    variants = {
        "small": base + ["postgresql.password=pg"],
        "aws": base + ["postgresql.enabled=false", "externalDatabase.url=postgresql://a:b@rds:5432/aurixa",
                       "redis.url=redis://cache:6379", "ingress.enabled=true", "ingress.host=aurixa.example.org",
                       "networkPolicy.metricsNamespaces=[monitoring]"],
    }
    callers = expected_callers(roles)
    for variant, sets in variants.items():
        try:
            docs = render_docs(sets)
        except Exception as e:  # noqa: BLE001 - report any render error as a failure
            check(f"chart[{variant}] renders", False, str(e))
            continue
        check(f"chart[{variant}] renders", True)
        for d in docs:
            ok = all(k in d for k in ("apiVersion", "kind", "metadata")) and "name" in d["metadata"]
            name = d.get("metadata", {}).get("name", "?")
            check(f"chart[{variant}] {d.get('kind')}/{name} has apiVersion, kind, metadata.name", ok)
            check(f"chart[{variant}] {name} is a DNS-1123 name",
                  re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name) and len(name) <= 63, name)
        by = {}
        for d in docs:
            by.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
        cm = by.get("ConfigMap", {}).get("aurixa", {}).get("data", {})
        for role, port in roles.items():
            full = f"aurixa-{role}"
            dep = by.get("Deployment", {}).get(full)
            check(f"chart[{variant}] Deployment {full}", dep)
            if dep:
                c = dep["spec"]["template"]["spec"]["containers"][0]
                check(f"chart[{variant}] {full} args", c.get("args") == ["serve", "--roles", role, "--port", str(port)],
                      c.get("args"))
                check(f"chart[{variant}] {full} containerPort", c["ports"][0]["containerPort"] == port)
                for probe in ("readinessProbe", "livenessProbe"):
                    check(f"chart[{variant}] {full} {probe} on /health",
                          c.get(probe, {}).get("httpGet", {}).get("path") == "/health")
                sel = dep["spec"]["selector"]["matchLabels"]
                check(f"chart[{variant}] {full} selector matches pod labels",
                      all(dep["spec"]["template"]["metadata"]["labels"].get(k) == v for k, v in sel.items()))
            svc = by.get("Service", {}).get(full)
            check(f"chart[{variant}] Service {full} on {port}", svc and svc["spec"]["ports"][0]["port"] == port)
            check(f"chart[{variant}] AURIXA_{role.upper()}_URL",
                  cm.get(f"AURIXA_{role.upper()}_URL") == f"http://{full}:{port}", cm.get(f"AURIXA_{role.upper()}_URL"))
            hpa = by.get("HorizontalPodAutoscaler", {}).get(full)
            if role in STATEFUL:
                check(f"chart[{variant}] no HPA for {role}", hpa is None)
            else:
                ok = hpa and hpa["spec"]["scaleTargetRef"]["name"] == full and \
                    hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu"
                check(f"chart[{variant}] HPA on CPU for {role}", ok)
            np = by.get("NetworkPolicy", {}).get(full)
            check(f"chart[{variant}] NetworkPolicy {full}", np)
            if np:
                rules = np["spec"]["ingress"]
                if role == "gateway":
                    check(f"chart[{variant}] gateway open to all sources", "from" not in rules[0])
                else:
                    got = {p["podSelector"]["matchLabels"]["app.kubernetes.io/component"]
                           for p in rules[0]["from"] if "podSelector" in p}
                    check(f"chart[{variant}] {role} admits exactly {sorted(callers[role])}", got == callers[role],
                          sorted(got))
                    for extra in rules[1:]:
                        check(f"chart[{variant}] {role} extra rules only admit namespaces",
                              all("namespaceSelector" in p for p in extra["from"]))
        jobs = by.get("Job", {})
        check(f"chart[{variant}] migration Job", any(
            "migrate" in " ".join(j["spec"]["template"]["spec"]["containers"][0].get("command", []) +
                                  j["spec"]["template"]["spec"]["containers"][0].get("args", []))
            for j in jobs.values()))
        sec = next(iter(by.get("Secret", {}).values()), {}).get("stringData", {})
        for key in ("DATABASE_URL", "AURIXA_INTERNAL_TOKEN", "AURIXA_JWT_SECRET", "AURIXA_DEMO_PASSWORD"):
            check(f"chart[{variant}] Secret has {key}", sec.get(key))
        pg = by.get("StatefulSet", {}).get("aurixa-postgresql")
        if variant == "small":
            check("chart[small] in-chart PostgreSQL with a PVC", pg and pg["spec"].get("volumeClaimTemplates"))
            check("chart[small] DATABASE_URL points at it", "@aurixa-postgresql:5432/" in sec.get("DATABASE_URL", ""))
        else:
            check("chart[aws] no in-chart PostgreSQL", pg is None)
            check("chart[aws] external DATABASE_URL", sec.get("DATABASE_URL", "").endswith("@rds:5432/aurixa"))
            check("chart[aws] REDIS_URL", cm.get("REDIS_URL") == "redis://cache:6379")
            ing = by.get("Ingress", {}).get("aurixa")
            check("chart[aws] Ingress to the gateway only", ing and all(
                p["backend"]["service"]["name"] == "aurixa-gateway"
                for r in ing["spec"]["rules"] for p in r["http"]["paths"]))
        for key in list(cm) + list(sec):
            check(f"chart[{variant}] env {key} is read by the binary", env_ok(key, known, roles))
    # Missing secrets must stop the render (helm `required`).
    try:
        render_docs(["postgresql.password=pg"])
        check("chart refuses to render without secrets", False)
    except Exception:  # noqa: BLE001
        check("chart refuses to render without secrets", True)


def check_compose(roles, known):
    path = os.path.join(ROOT, "deploy/docker-compose.yml")
    try:
        doc = yaml.safe_load(open(path))
    except yaml.YAMLError as e:
        check("compose parses", False, str(e))
        return
    check("compose parses", True)
    services = doc.get("services", {})
    for role, port in roles.items():
        s = services.get(role)
        check(f"compose service {role}", s)
        if not s:
            continue
        check(f"compose {role} command", s.get("command") == ["serve", "--roles", role, "--port", str(port)],
              s.get("command"))
        env = s.get("environment", {})
        for other, oport in roles.items():
            check(f"compose {role} AURIXA_{other.upper()}_URL",
                  env.get(f"AURIXA_{other.upper()}_URL") == f"http://{other}:{oport}")
        for key in ("DATABASE_URL", "REDIS_URL", "AURIXA_INTERNAL_TOKEN"):
            check(f"compose {role} sets {key}", env.get(key))
        for key in env:
            check(f"compose env {key} is read by the binary", env_ok(key, known, roles))
    published = {n for n, s in services.items() if s.get("ports")}
    check("compose publishes only the gateway", published == {"gateway"}, sorted(published))
    check("compose gateway on 3000", any(str(p).endswith(":3000") for p in services.get("gateway", {}).get("ports", [])))
    check("compose has postgres 15 and redis", "postgres:15" in services.get("postgres", {}).get("image", "") and
          "redis" in services)


def check_dockerfile(known, roles):
    text = open(os.path.join(ROOT, "deploy/Dockerfile")).read()
    check("Dockerfile has a build and a runtime stage on Debian 12",
          re.search(r"^FROM debian:12\S* AS build", text, re.M) and re.search(r"^FROM debian:12\S* AS runtime", text, re.M))
    check("Dockerfile builds with scripts/install-deps.sh", "scripts/install-deps.sh" in text)
    check("Dockerfile checks the runtime libraries with ldd", "ldd /usr/local/bin/aurixa" in text)
    for name in re.findall(r"\b(AURIXA_[A-Z_]+)=", text):
        check(f"Dockerfile env {name} is read by the binary", env_ok(name, known, roles))


def check_terraform():
    tf = os.path.join(ROOT, "deploy/terraform")
    files = [os.path.join(d, f) for d, _, fs in os.walk(tf) for f in fs if f.endswith(".tf")]
    check("terraform files exist", files)
    for f in files:
        text = open(f).read()
        check(f"{os.path.relpath(f, ROOT)} uses 2-space indents", not re.search(r"^(?: {2})* ?\t", text, re.M) and
              all((len(line) - len(line.lstrip(" "))) % 2 == 0 for line in text.splitlines()))
    if shutil.which("terraform"):
        r = subprocess.run(["terraform", "fmt", "-check", "-recursive", "-diff", tf], capture_output=True, text=True)
        check("terraform fmt -check", r.returncode == 0, r.stdout + r.stderr)


def main():
    roles = seed_roles()
    check("roles.cpp lists nine roles", len(roles) == 9, roles)
    known = known_env_names()
    check_chart(roles, known)
    check_compose(roles, known)
    check_dockerfile(known, roles)
    check_terraform()
    failed = sum(1 for _, ok in results if not ok)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
