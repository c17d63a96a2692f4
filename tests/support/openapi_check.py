#!/usr/bin/python3
"""Checks recorded API answers against docs/api/openapi.yaml (OpenAPI 3.0).

Usage: openapi_check.py OPENAPI.yaml ANSWERS.jsonl

ANSWERS.jsonl has one answer per line, as the test harness's HTTP client recorded it:
{"method", "path" (with query), "status", "content_type", "body" (JSON answers only)}.

Every answer must be documented: its path and method, its status, its media type, and a JSON
body must validate against the documented schema (python3-jsonschema, the OpenAPI 3.0 schema
turned into JSON Schema: `nullable` becomes a null alternative). The document itself is
checked for what OpenAPI 3.0 does not allow (a list as `type`) and for keys a YAML 1.1 reader
turns into booleans (`no`, `yes`, `on`, `off`). Answers to paths no route serves (the router's
404 and 405) are not the document's business and are skipped.

Exit status 0 when all is well, 1 with a report on stdout otherwise.
"""
import collections
import json
import re
import sys

import jsonschema
import yaml


def spec_problems(node, where, out):
    """OpenAPI 3.0 violations and YAML 1.1 surprises in the document."""
    if isinstance(node, dict):
        for k, v in node.items():
            if not isinstance(k, str):
                out.append(f"{where}: key {k!r} is not a string (YAML 1.1 reads an unquoted "
                           f"no/yes/on/off as a boolean): quote it")
            if k == "type" and isinstance(v, list):
                out.append(f"{where}: 'type: {v}' is not OpenAPI 3.0: use one type and "
                           f"'nullable: true'")
            spec_problems(v, f"{where}/{k}", out)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            spec_problems(v, f"{where}/{i}", out)


def to_json_schema(node):
    """An OpenAPI 3.0 schema object (recursively) as JSON Schema draft 7."""
    if isinstance(node, list):
        return [to_json_schema(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if k in ("nullable", "discriminator", "example", "examples", "xml", "externalDocs",
                 "deprecated", "readOnly", "writeOnly"):
            continue
        if k in ("properties", "patternProperties", "definitions"):
            out[k] = {pk: to_json_schema(pv) for pk, pv in v.items()} if isinstance(v, dict) else v
        else:
            out[k] = to_json_schema(v)
    if node.get("nullable") is True:
        return {"anyOf": [out, {"type": "null"}]}
    return out


def convert_components(spec):
    """The whole document with its schemas converted, so $refs resolve inside it."""
    converted = dict(spec)
    comps = dict(spec.get("components", {}))
    comps["schemas"] = {k: to_json_schema(v) for k, v in comps.get("schemas", {}).items()}
    converted["components"] = comps
    return converted


def resolve(spec, node):
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), ref
        target = spec
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def path_matchers(spec):
    out = []
    for template in spec.get("paths", {}):
        params = re.findall(r"\{[^}]+\}", template)
        pattern = re.escape(template)
        for p in params:
            pattern = pattern.replace(re.escape(p), "[^/]+")
        out.append((len(params), template, re.compile("^" + pattern + "$")))
    out.sort(key=lambda t: (t[0], -len(t[1])))  # literal segments win over parameters
    return out


def template_free_ui(path):
    """The browser UI's paths: everything but /api/..., /healthz, /readyz and /metrics."""
    return not (path.startswith("/api/") or path in ("/api", "/healthz", "/readyz", "/metrics"))


def main():
    spec_path, answers_path = sys.argv[1], sys.argv[2]
    with open(spec_path, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    problems = []
    spec_problems(spec, "openapi.yaml#", problems)
    converted = convert_components(spec)
    resolver = jsonschema.RefResolver(base_uri="", referrer=converted)
    matchers = path_matchers(spec)
    validators = {}
    mismatches = collections.OrderedDict()  # message -> [count, example]
    undocumented = collections.Counter()
    checked = skipped = web = 0

    def report(key, example):
        if key in mismatches:
            mismatches[key][0] += 1
        else:
            mismatches[key] = [1, example]

    with open(answers_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            method, raw_path, status = a["method"].lower(), a["path"], str(a["status"])
            if status == "0":
                continue  # no answer (a test that cut the connection)
            path = raw_path.split("?", 1)[0]
            if template_free_ui(path):
                web += 1  # the browser UI's files and routes (docs/web.md), not the API
                continue
            template = next((t for _, t, rx in matchers if rx.match(path)), None)
            if template is None or method not in spec["paths"][template]:
                if status in ("404", "405"):
                    skipped += 1  # no route serves it: the router's answer
                    continue
                shape = re.sub(r"/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                               "/{id}", path)
                undocumented[f"{method.upper()} {shape}"] += 1
                continue
            checked += 1
            op = spec["paths"][template][method]
            responses = op.get("responses", {})
            resp = responses.get(status) or responses.get(status[0] + "XX") or \
                responses.get("default")
            if resp is None:
                report(f"{method.upper()} {template}: status {status} is not documented "
                       f"(documented: {', '.join(sorted(responses))})", a.get("body", "")[:300])
                continue
            resp = resolve(spec, resp)
            content = resp.get("content") or {}
            ctype = (a.get("content_type") or "").split(";")[0].strip().lower()
            if not ctype:
                if content and a.get("size", 0) > 0:
                    report(f"{method.upper()} {template} {status}: a body without a media type",
                           "")
                continue
            if not content:
                report(f"{method.upper()} {template} {status}: answers {ctype} but documents no "
                       f"body", a.get("body", "")[:300])
                continue
            # Documented media types are compared without their parameters, as answers are.
            by_type = {m.split(";")[0].strip().lower(): v for m, v in content.items()}
            media = by_type.get(ctype)
            if media is None:
                wild = [m for m in by_type if m.endswith("/*") and ctype.startswith(m[:-1])]
                media = by_type[wild[0]] if wild else None
            if media is None:
                report(f"{method.upper()} {template} {status}: media type {ctype} is not "
                       f"documented (documented: {', '.join(content)})", "")
                continue
            if ctype != "application/json" or "schema" not in media or "body" not in a:
                continue
            key = (template, method, status)
            if key not in validators:
                validators[key] = jsonschema.Draft7Validator(to_json_schema(media["schema"]),
                                                             resolver=resolver)
            try:
                body = json.loads(a["body"])
            except ValueError:
                report(f"{method.upper()} {template} {status}: the body is not JSON",
                       a["body"][:300])
                continue
            for err in validators[key].iter_errors(body):
                where = "/".join(str(p) for p in err.absolute_path) or "(body)"
                msg = err.message if len(err.message) < 300 else err.message[:300] + "..."
                report(f"{method.upper()} {template} {status}: at {where}: {msg}",
                       a["body"][:300])
                break

    failed = bool(problems or mismatches or undocumented)
    print(f"openapi_check: {checked} answers checked against {spec_path}, "
          f"{skipped} router 404/405 skipped, {web} browser UI answers not the API's")
    for p in problems:
        print(f"DOCUMENT: {p}")
    for route, n in sorted(undocumented.items()):
        print(f"UNDOCUMENTED ROUTE: {route} ({n} answers): add it to docs/api/openapi.yaml")
    for msg, (n, example) in mismatches.items():
        print(f"MISMATCH ({n}x): {msg}")
        if example:
            print(f"    e.g. {example}")
    if failed:
        print("openapi_check: the answers do not match the document (see above)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
