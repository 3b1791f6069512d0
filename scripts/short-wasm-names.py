#!/usr/bin/env python3
"""Gives the names a wasm module and its wasm-bindgen JS share short names.

wasm-bindgen names each import after its JS function plus a 16-digit hash
(`__wbg_location_7320782274fc691b`), under a module named after the file
(`./scorecard-explorer_bg.js`), and each closure shim export after its mangled Rust
type (up to 300 characters). The hashes do not compress, and each name is written
twice: in the wasm and in the JS. Here the module becomes `w`, each import a short
name and each such export (and the JS function that calls it) too, in both files at
once: 7.6 KB less gzipped for the explorer's wasm and JS together. A name the JS does
not use as expected stops the build, so a new wasm-bindgen cannot leave the two files
disagreeing.

Usage: short-wasm-names.py MODULE_bg.wasm MODULE.js [INDEX.html]
(the page's integrity attributes for the two files are brought up to date)
"""
import base64
import hashlib
import os
import re
import sys


def leb(data, i):
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def uleb(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def name(data, i):
    length, i = leb(data, i)
    return data[i : i + length].decode(), i + length


def encoded(text):
    raw = text.encode()
    return uleb(len(raw)) + raw


def short(n):
    """`a` … `z`, `A` … `Z`, then two letters and more: plain JS identifiers."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while True:
        out = letters[n % 52] + out
        n = n // 52 - 1
        if n < 0:
            return out


def imports(body, renamed):
    """The import section with its module and field names renamed."""
    count, i = leb(body, 0)
    out = bytearray(uleb(count))
    for _ in range(count):
        module, i = name(body, i)
        field, i = name(body, i)
        start = i
        kind = body[i]
        i += 1
        if kind == 0:  # function: a type index
            _, i = leb(body, i)
        elif kind == 1:  # table: a reference type and limits
            i += 1
            flags = body[i]
            i += 1
            _, i = leb(body, i)
            if flags & 1:
                _, i = leb(body, i)
        elif kind == 2:  # memory: limits
            flags = body[i]
            i += 1
            _, i = leb(body, i)
            if flags & 1:
                _, i = leb(body, i)
        elif kind == 3:  # global: a value type and mutability
            i += 2
        else:
            sys.exit(f"short-wasm-names: unknown import kind {kind}")
        new_module, new_field = renamed.get((module, field), (module, field))
        out += encoded(new_module) + encoded(new_field) + body[start:i]
    return bytes(out)


def exports(body, renamed):
    count, i = leb(body, 0)
    out = bytearray(uleb(count))
    for _ in range(count):
        field, i = name(body, i)
        start = i
        i += 1
        _, i = leb(body, i)
        out += encoded(renamed.get(field, field)) + body[start:i]
    return bytes(out)


def sections(data):
    i = 8
    while i < len(data):
        sid = data[i]
        size, body = leb(data, i + 1)
        yield sid, data[body : body + size]
        i = body + size


def main():
    wasm_path, js_path = sys.argv[1:3]
    data = open(wasm_path, "rb").read()
    js = open(js_path).read()
    found = dict(sections(data))
    import_names = []
    count, i = leb(found[2], 0)
    for _ in range(count):
        module, i = name(found[2], i)
        field, i = name(found[2], i)
        import_names.append((module, field))
        kind = found[2][i]
        i += 1
        if kind != 0:
            sys.exit(f"short-wasm-names: {module}.{field} is not a function import")
        _, i = leb(found[2], i)
    modules = {m for m, _ in import_names}
    if len(modules) != 1:
        sys.exit(f"short-wasm-names: expected one import module, found {sorted(modules)}")
    (module,) = modules
    quoted = f'"{module}": import0'
    if js.count(quoted) != 1:
        sys.exit(f"short-wasm-names: {js_path} does not name the import module {module} once")
    js = js.replace(quoted, '"w": import0')
    renamed_imports = {}
    for n, (m, field) in enumerate(import_names):
        key = re.compile(r"(?<![\w$])" + re.escape(field) + r": function\(")
        if len(key.findall(js)) != 1 or len(re.findall(r"(?<![\w$])" + re.escape(field) + r"(?![\w$])", js)) != 1:
            sys.exit(f"short-wasm-names: {js_path} does not define the import {field} exactly once")
        new = short(n)
        js = key.sub(new + ": function(", js)
        renamed_imports[(m, field)] = ("w", new)
    # The closure shims' exports, named after mangled Rust types with their crates' hashes.
    renamed_exports = {}
    count, i = leb(found[7], 0)
    n = 0
    for _ in range(count):
        field, i = name(found[7], i)
        i += 1
        _, i = leb(found[7], i)
        if not re.search(r"_[0-9a-f]{16}_", field):
            continue
        # Used as `wasm.NAME` and as the name of a JS function that calls it: all renamed.
        ident = re.compile(r"(?<![\w$])" + re.escape(field) + r"(?![\w$])")
        if not re.search(r"(?<![\w$])wasm\." + re.escape(field) + r"(?![\w$])", js):
            sys.exit(f"short-wasm-names: {js_path} does not call the export {field}")
        new = "_" + short(n)
        n += 1
        if re.search(r"(?<![\w$])" + re.escape(new) + r"(?![\w$])", js):
            sys.exit(f"short-wasm-names: {js_path} already uses the name {new}")
        js = ident.sub(new, js)
        renamed_exports[field] = new
    out = bytearray(data[:8])
    for sid, body in sections(data):
        if sid == 2:
            body = imports(body, renamed_imports)
        elif sid == 7:
            body = exports(body, renamed_exports)
        out += bytes([sid]) + uleb(len(body)) + body
    open(wasm_path, "wb").write(out)
    open(js_path, "w").write(js)
    if len(sys.argv) > 3:
        integrity(sys.argv[3], {wasm_path: bytes(out), js_path: js.encode()})


def integrity(html_path, files):
    """The page's `integrity` of a tag naming one of the files, recomputed (trunk's
    modulepreload link of the JS carries one)."""
    html = open(html_path).read()
    for path, data in files.items():
        sri = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
        tag = re.compile(r'(<[^>]*\bhref="\./' + re.escape(os.path.basename(path)) + r'"[^>]*\bintegrity=")[^"]*(")')
        html = tag.sub(lambda m: m.group(1) + sri + m.group(2), html)
    open(html_path, "w").write(html)


if __name__ == "__main__":
    main()
