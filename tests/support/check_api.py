"""Calls every route of the generated FastAPI app with valid sample arguments and checks
that each answers 501. Run from the generated design folder; prints one line
per route and exits non-zero on the first surprise."""

from __future__ import annotations

import sys
import typing

from fastapi.testclient import TestClient

from implementation import api_endpoints

Schema = dict[str, typing.Any]


def sample(schema: Schema, components: Schema, depth: int = 0) -> typing.Any:
    """A JSON value valid against an OpenAPI `schema` (recursive types cut short with
    `null` and empty lists)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return sample(components[name], components, depth + 1)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            if any(s.get("type") == "null" for s in schema[key]):
                return None
            return sample(schema[key][0], components, depth)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    fmt = schema.get("format", "")
    if kind == "string":
        return {
            "uuid": "00000000-0000-0000-0000-000000000001",
            "date-time": "2026-01-01T00:00:00Z",
            "date": "2026-01-01",
        }.get(fmt, "x")
    if kind == "integer":
        return 1
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return True
    if kind == "array":
        if depth > 2:
            return []
        return [sample(schema.get("items", {}), components, depth + 1)]
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {}).items()
        value = {k: sample(v, components, depth) for k, v in props}
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and not value and depth <= 2:
            # "1" parses as a number too; enum keys come with `propertyNames`.
            key = sample(schema.get("propertyNames", {"type": "string", "enum": ["1"]}), components)
            value[str(key)] = sample(extra, components, depth + 1)
        return value
    return {"any": "json"}


def main() -> int:
    app = api_endpoints.app
    client = TestClient(app)
    spec = app.openapi()
    components = spec.get("components", {}).get("schemas", {})
    calls = 0
    for path, item in sorted(spec.get("paths", {}).items()):
        for method, op in sorted(item.items()):
            url = path
            query: dict[str, typing.Any] = {}
            for p in op.get("parameters", []):
                value = sample(p.get("schema", {}), components)
                if p["in"] == "path":
                    url = url.replace("{" + p["name"] + "}", str(value))
                elif p["in"] == "query":
                    query[p["name"]] = value
            body = None
            content = op.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                body = sample(content["application/json"]["schema"], components)
            response = client.request(method.upper(), url, params=query, json=body)
            calls += 1
            print(f"{method.upper()} {url} -> {response.status_code}")
            if response.status_code != 501:
                print(response.text)
                return 1
    print(f"{calls} routes answered 501")
    return 0


if __name__ == "__main__":
    sys.exit(main())
