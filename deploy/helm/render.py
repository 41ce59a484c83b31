#!/usr/bin/env python3
"""Renders a Helm chart offline with the subset of Go templates + Sprig that deploy/helm/aurixa uses.

Helm is not packaged for Debian 12, so the chart test (deploy/check.py) renders with this instead of
`helm template`. Where helm exists, `helm template` gives the same documents; the chart keeps to this subset:
  actions   {{ pipeline }}, {{- / -}} trimming, comments, $var := pipeline, if / else if / else, range (lists and
            maps, sorted keys, optional $k, $v :=), with, define / include / template, end
  operands  .Values.a.b, $.x, $var.x, "strings", numbers, true / false / nil, (sub pipelines)
  functions include toYaml nindent indent quote squote default required dict list printf trunc trimSuffix
            upper lower toString int b64enc sha256sum eq ne lt gt le ge not and or empty hasKey ternary join keys
Usage: render.py CHART_DIR [--release NAME] [--namespace NS] [-f values.yaml ...] [--set a.b=value ...]
Prints the rendered manifests (multi-document YAML) like `helm template`.
"""
import argparse
import base64
import hashlib
import os
import re
import sys

import yaml

ACTION = re.compile(r"\{\{(-\s)?(.*?)(\s-)?\}\}", re.S)
TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<raw>`[^`]*`)|(?P<num>-?\d+(?:\.\d+)?)|(?P<decl>:=|=)'
                   r'|(?P<var>\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)|(?P<field>(?:\.[A-Za-z0-9_]+)+|\.)'
                   r'|(?P<ident>[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>[()|,]))')


class TemplateError(Exception):
    pass


# ---------------------------------------------------------------- parsing

def lex_actions(text, name):
    """Splits a template into ("text", s) and ("action", s) items, applying {{- and -}} trimming."""
    items, pos = [], 0
    for m in ACTION.finditer(text):
        chunk = text[pos:m.start()]
        if m.group(1):
            chunk = chunk.rstrip(" \t\r\n")
        items.append(["text", chunk])
        items.append(["action", m.group(2).strip(), bool(m.group(3))])
        pos = m.end()
    items.append(["text", text[pos:]])
    out = []
    trim_next = False
    for it in items:
        if it[0] == "text":
            s = it[1].lstrip(" \t\r\n") if trim_next else it[1]
            trim_next = False
            if s:
                out.append(("text", s))
        else:
            trim_next = it[2]
            if not it[1].startswith("/*"):
                out.append(("action", it[1]))
    return out


def tokenize(expr):
    toks, pos = [], 0
    expr = expr.strip()
    while pos < len(expr):
        m = TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise TemplateError(f"cannot parse {expr!r} at {expr[pos:]!r}")
        kind = m.lastgroup
        toks.append((kind, m.group(kind)))
        pos = m.end()
        while pos < len(expr) and expr[pos].isspace():
            pos += 1
    return toks


def parse_pipeline(toks):
    """[(kind, val)] -> pipeline: list of commands, each a list of operands."""
    cmds, cur, i = [], [], 0
    while i < len(toks):
        kind, val = toks[i]
        if kind == "punct" and val == "|":
            cmds.append(cur)
            cur = []
        elif kind == "punct" and val == "(":
            depth, j = 1, i + 1
            while depth:
                if j >= len(toks):
                    raise TemplateError("unbalanced (")
                if toks[j] == ("punct", "("):
                    depth += 1
                elif toks[j] == ("punct", ")"):
                    depth -= 1
                j += 1
            cur.append(("pipe", parse_pipeline(toks[i + 1:j - 1])))
            i = j
            continue
        elif kind == "str":
            cur.append(("lit", yaml.safe_load(val)))
        elif kind == "raw":
            cur.append(("lit", val[1:-1]))
        elif kind == "num":
            cur.append(("lit", float(val) if "." in val else int(val)))
        elif kind == "ident" and val in ("true", "false", "nil"):
            cur.append(("lit", {"true": True, "false": False, "nil": None}[val]))
        else:
            cur.append((kind, val))
        i += 1
    cmds.append(cur)
    return cmds


def parse_action(src):
    """Returns (keyword, data) for one action."""
    word = src.split(None, 1)[0] if src else ""
    rest = src[len(word):].strip()
    if word in ("if", "with"):
        return word, parse_pipeline(tokenize(rest))
    if word == "else":
        if rest.startswith("if "):
            return "elseif", parse_pipeline(tokenize(rest[3:]))
        return "else", None
    if word == "end":
        return "end", None
    if word == "range":
        toks = tokenize(rest)
        names = []
        if any(k == "decl" for k, _ in toks):
            while toks[0][0] != "decl":
                if toks[0][0] == "var":
                    names.append(toks[0][1])
                toks = toks[1:]
            toks = toks[1:]
        return "range", (names, parse_pipeline(toks))
    if word == "define":
        return "define", yaml.safe_load(rest)
    if word == "template":
        toks = tokenize(rest)
        return "template", (yaml.safe_load(toks[0][1]), parse_pipeline(toks[1:]) if len(toks) > 1 else None)
    toks = tokenize(src)
    if len(toks) >= 2 and toks[0][0] == "var" and toks[1][0] == "decl":
        return "assign", (toks[0][1], toks[1][1], parse_pipeline(toks[2:]))
    return "output", parse_pipeline(toks)


def build_tree(items, defines, pos=0, stop=()):
    """Nodes: ("text", s) | ("output", pipe) | ("assign", ...) | ("if", [(pipe, body)], else) |
    ("range", names, pipe, body, else) | ("with", pipe, body, else) | ("template", name, pipe)."""
    nodes = []
    while pos < len(items):
        kind, val = items[pos]
        if kind == "text":
            nodes.append(("text", val))
            pos += 1
            continue
        word, data = parse_action(val)
        if word in stop:
            return nodes, pos, word, data
        pos += 1
        if word in ("output", "assign", "template"):
            nodes.append((word, data))
        elif word == "define":
            body, pos, _, _ = build_tree(items, defines, pos, ("end",))
            defines[data] = body
            pos += 1
        elif word == "if":
            branches, otherwise, cond = [], [], data
            while True:
                body, pos, w, d = build_tree(items, defines, pos, ("else", "elseif", "end"))
                branches.append((cond, body))
                pos += 1
                if w == "elseif":
                    cond = d
                    continue
                if w == "else":
                    otherwise, pos, _, _ = build_tree(items, defines, pos, ("end",))
                    pos += 1
                break
            nodes.append(("if", branches, otherwise))
        elif word in ("range", "with"):
            body, pos, w, _ = build_tree(items, defines, pos, ("else", "end"))
            pos += 1
            otherwise = []
            if w == "else":
                otherwise, pos, _, _ = build_tree(items, defines, pos, ("end",))
                pos += 1
            if word == "range":
                nodes.append(("range", data[0], data[1], body, otherwise))
            else:
                nodes.append(("with", data, body, otherwise))
        else:
            raise TemplateError(f"unexpected {{{{ {val} }}}}")
    if stop:
        raise TemplateError(f"missing {{{{ end }}}} (expected one of {stop})")
    return nodes, pos, None, None


# ---------------------------------------------------------------- evaluation

def truthy(v):
    return not (v is None or v is False or v == 0 and not isinstance(v, bool) or v in ("", [], {}))


def to_str(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dict, list)):
        return "map[...]" if isinstance(v, dict) else "[" + " ".join(to_str(x) for x in v) + "]"
    return str(v)


def get_path(v, path):
    for part in [p for p in path.split(".") if p]:
        v = v.get(part) if isinstance(v, dict) else None
    return v


def to_yaml(v):
    if v is None:
        return "null"
    return yaml.safe_dump(v, default_flow_style=False, sort_keys=True).rstrip("\n")


def indent(n, s):
    return "\n".join((" " * n + line) if line else line for line in to_str(s).split("\n"))


def gofmt(fmt, *args):
    fmt = re.sub(r"%[-+ #0]*\d*(?:\.\d+)?([vsdq])", lambda m: "%s" if m.group(1) != "q" else '"%s"', fmt)
    return fmt % tuple(to_str(a) for a in args)


class Renderer:
    def __init__(self, defines):
        self.defines = defines
        self.funcs = {
            "include": lambda name, ctx: self.render_nodes(self.defines_or_fail(name), ctx, {"$": ctx}),
            "toYaml": to_yaml, "nindent": lambda n, s: "\n" + indent(n, s), "indent": indent,
            "quote": lambda v: '"' + to_str(v).replace("\\", "\\\\").replace('"', '\\"') + '"',
            "squote": lambda v: "'" + to_str(v) + "'",
            "default": lambda d, v=None: v if truthy(v) else d,
            "required": self.required, "dict": lambda *a: {a[i]: a[i + 1] for i in range(0, len(a), 2)},
            "list": lambda *a: list(a), "printf": gofmt, "trunc": lambda n, s: to_str(s)[:n],
            "trimSuffix": lambda suf, s: to_str(s)[:-len(suf)] if suf and to_str(s).endswith(suf) else to_str(s),
            "upper": lambda s: to_str(s).upper(), "lower": lambda s: to_str(s).lower(), "toString": to_str,
            "int": lambda v: int(float(v or 0)), "b64enc": lambda s: base64.b64encode(to_str(s).encode()).decode(),
            "eq": lambda a, *b: any(a == x for x in b), "ne": lambda a, b: a != b, "lt": lambda a, b: a < b,
            "gt": lambda a, b: a > b, "le": lambda a, b: a <= b, "ge": lambda a, b: a >= b,
            "not": lambda v: not truthy(v), "empty": lambda v: not truthy(v),
            "and": lambda *a: next((x for x in a if not truthy(x)), a[-1]),
            "or": lambda *a: next((x for x in a if truthy(x)), a[-1]),
            "hasKey": lambda d, k: isinstance(d, dict) and k in d,
            "ternary": lambda a, b, c: a if truthy(c) else b,
            "join": lambda sep, xs: sep.join(to_str(x) for x in xs or []),
            "keys": lambda d: sorted(d or {}),
            "sha256sum": lambda s: hashlib.sha256(to_str(s).encode()).hexdigest(),
        }

    def defines_or_fail(self, name):
        if name not in self.defines:
            raise TemplateError(f"no template named {name!r}")
        return self.defines[name]

    @staticmethod
    def required(msg, v=None):
        if v is None or v == "":
            raise TemplateError(f"required value missing: {msg}")
        return v

    def operand(self, op, dot, scope):
        kind, val = op
        if kind == "lit":
            return val
        if kind == "pipe":
            return self.pipeline(val, dot, scope)
        if kind == "field":
            return dot if val == "." else get_path(dot, val)
        if kind == "var":
            name, _, path = val.partition(".")
            for frame in reversed(scope):
                if name in frame:
                    return get_path(frame[name], path)
            raise TemplateError(f"undefined variable {name}")
        if kind == "ident":
            return self.call(val, [])
        raise TemplateError(f"unexpected operand {val!r}")

    def call(self, name, args):
        if name not in self.funcs:
            raise TemplateError(f"function {name!r} not defined")
        return self.funcs[name](*args)

    def pipeline(self, cmds, dot, scope):
        value, first = None, True
        for cmd in cmds:
            if not cmd:
                raise TemplateError("empty command in pipeline")
            if cmd[0][0] == "ident" and cmd[0][1] not in ("true", "false", "nil"):
                args = [self.operand(a, dot, scope) for a in cmd[1:]]
                if not first:
                    args.append(value)
                value = self.call(cmd[0][1], args)
            else:
                if len(cmd) != 1 or not first:
                    raise TemplateError(f"cannot pipe into {cmd[0][1]!r}")
                value = self.operand(cmd[0], dot, scope)
            first = False
        return value

    def render_nodes(self, nodes, dot, root_scope):
        out = []
        scope = [root_scope] if isinstance(root_scope, dict) and "$" in root_scope else root_scope
        scope = scope + [{}]
        for node in nodes:
            kind = node[0]
            if kind == "text":
                out.append(node[1])
            elif kind == "output":
                out.append(to_str(self.pipeline(node[1], dot, scope)))
            elif kind == "assign":
                name, op, pipe = node[1]
                value = self.pipeline(pipe, dot, scope)
                if op == ":=":
                    scope[-1][name] = value
                else:
                    for frame in reversed(scope):
                        if name in frame:
                            frame[name] = value
                            break
            elif kind == "template":
                name, pipe = node[1]
                ctx = self.pipeline(pipe, dot, scope) if pipe else None
                out.append(self.render_nodes(self.defines_or_fail(name), ctx, {"$": ctx}))
            elif kind == "if":
                for cond, body in node[1]:
                    if truthy(self.pipeline(cond, dot, scope)):
                        out.append(self.render_nodes(body, dot, scope))
                        break
                else:
                    out.append(self.render_nodes(node[2], dot, scope))
            elif kind == "with":
                v = self.pipeline(node[1], dot, scope)
                out.append(self.render_nodes(node[2], v, scope) if truthy(v) else self.render_nodes(node[3], dot, scope))
            elif kind == "range":
                names, pipe, body, otherwise = node[1:]
                v = self.pipeline(pipe, dot, scope)
                pairs = sorted(v.items()) if isinstance(v, dict) else list(enumerate(v or []))
                if not pairs:
                    out.append(self.render_nodes(otherwise, dot, scope))
                for k, item in pairs:
                    frame = {}
                    if len(names) == 1:
                        frame[names[0]] = item
                    elif len(names) == 2:
                        frame[names[0]], frame[names[1]] = k, item
                    out.append(self.render_nodes(body, item, scope + [frame]))
        return "".join(out)


# ---------------------------------------------------------------- chart

def deep_merge(base, over):
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(base.get(k), dict):
            deep_merge(base[k], v)
        else:
            base[k] = v
    return base


def set_value(values, expr):
    path, _, raw = expr.partition("=")
    node = values
    parts = path.split(".")
    for p in parts[:-1]:
        node = node.setdefault(p, {})
    node[parts[-1]] = yaml.safe_load(raw) if raw != "" else ""


def render_chart(chart_dir, release="aurixa", namespace="default", value_files=(), sets=()):
    """Returns [(template path, rendered text)] for every non-helper template, in file name order."""
    with open(os.path.join(chart_dir, "Chart.yaml")) as f:
        chart = yaml.safe_load(f)
    with open(os.path.join(chart_dir, "values.yaml")) as f:
        values = yaml.safe_load(f) or {}
    for vf in value_files:
        with open(vf) as f:
            deep_merge(values, yaml.safe_load(f) or {})
    for s in sets:
        set_value(values, s)
    tdir = os.path.join(chart_dir, "templates")
    files = sorted(f for f in os.listdir(tdir) if f.endswith((".yaml", ".tpl", ".txt")))
    defines, trees = {}, []
    for name in files:
        with open(os.path.join(tdir, name)) as f:
            nodes, _, _, _ = build_tree(lex_actions(f.read(), name), defines)
        trees.append((name, nodes))
    root = {
        "Values": values,
        "Release": {"Name": release, "Namespace": namespace, "Service": "Helm", "IsInstall": True, "Revision": 1},
        "Chart": {"Name": chart["name"], "Version": chart["version"], "AppVersion": chart.get("appVersion", "")},
    }
    r = Renderer(defines)
    out = []
    for name, nodes in trees:
        if name.startswith("_") or not name.endswith(".yaml"):
            continue
        try:
            out.append((name, r.render_nodes(nodes, root, {"$": root})))
        except TemplateError as e:
            raise TemplateError(f"{name}: {e}") from None
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("chart")
    ap.add_argument("--release", default="aurixa")
    ap.add_argument("--namespace", default="default")
    ap.add_argument("-f", "--values", action="append", default=[])
    ap.add_argument("--set", action="append", default=[])
    a = ap.parse_args()
    try:
        for name, text in render_chart(a.chart, a.release, a.namespace, a.values, a.set):
            if text.strip():
                print(f"---\n# Source: {os.path.basename(a.chart.rstrip('/'))}/templates/{name}\n{text.strip()}")
    except TemplateError as e:
        print(f"render: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
