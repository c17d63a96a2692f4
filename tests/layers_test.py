#!/usr/bin/env python3
"""Proves scripts/check_layers.py catches each kind of broken layering (ctest: layers_test).

Each case writes a small src/ tree into a temp directory, runs the real script on it and
checks its exit status and the line it prints.
"""
import pathlib
import subprocess
import sys
import tempfile
import unittest

SCRIPT = pathlib.Path(__file__).resolve().parent.parent / "scripts" / "check_layers.py"

# A tree that keeps every rule: each layer including the ones below it.
GOOD = {
    "core/error.h": "#pragma once\n#include <string>\n#include <nonstd/expected.hpp>\n",
    "sop/pack.h": '#include "core/error.h"\n',
    "forms/form.h": '#include "sop/pack.h"\n#include "core/error.h"\n',
    "security/hash.cpp": '#include <sodium.h>\n#include "core/error.h"\n',
    "store/sqlite/conn.h": '#include <sqlite3.h>\n#include "store/sql.h"\n#include "security/hash.h"\n',
    "store/sql.h": '#include "core/error.h"\n',
    "report/pdf.cpp": '#include <pango/pangocairo.h>\n#include "core/error.h"\n',
    "service/case.h": '#include "store/sql.h"\n#include "sop/pack.h"\n#include "report/pdf.h"\n',
    "http/server.cpp": '#include <restinio/all.hpp>\n#include "service/case.h"\n#include "json.h"\n',
    "cli/main.cpp": '#include <CLI/CLI.hpp>\n#include "http/server.h"\n#include "store/sql.h"\n',
}


def run(tree: dict[str, str]) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as d:
        src = pathlib.Path(d) / "src"
        for rel, text in tree.items():
            path = src / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        r = subprocess.run([sys.executable, str(SCRIPT), str(src)], capture_output=True,
                           text=True)
        return r.returncode, r.stdout.replace(str(src) + "/", "")


class CheckLayersTest(unittest.TestCase):
    def test_a_tree_that_keeps_the_rules_passes(self):
        rc, out = run(GOOD)
        self.assertEqual(rc, 0, out)
        self.assertIn("keeps the layering", out)

    def assert_caught(self, rel: str, text: str, expected: str):
        rc, out = run({**GOOD, rel: text})
        self.assertEqual(rc, 1, out)
        self.assertIn(expected, out)
        self.assertIn("1 include(s) break the layering", out)

    def test_store_including_service(self):
        self.assert_caught("store/case_store.cpp", '#include "store/sql.h"\n#include "service/case.h"\n',
                           'store/case_store.cpp:2: store/ may not include "service/case.h"')

    def test_store_including_http(self):
        self.assert_caught("store/event_log.h", '#include "http/api.h"\n',
                           'store/event_log.h:1: store/ may not include "http/api.h"')

    def test_http_including_store(self):
        self.assert_caught("http/routes.cpp", '#include "service/case.h"\n#include "store/case_store.h"\n',
                           'http/routes.cpp:2: http/ may not include "store/case_store.h"')

    def test_core_including_store(self):
        self.assert_caught("core/intake.cpp", '#  include "store/database.h"\n',
                           'core/intake.cpp:1: core/ may not include "store/database.h"')

    def test_sop_including_http(self):
        self.assert_caught("sop/engine.cpp", '#include "http/api.h"\n',
                           'sop/engine.cpp:1: sop/ may not include "http/api.h"')

    def test_core_including_restinio(self):
        # What core/error.h did before expected-lite was vendored (third_party/).
        self.assert_caught("core/error.h",
                           "#include <restinio/third_party/expected-lite/expected.hpp>\n",
                           "core/error.h:1: core/ may not include "
                           "<restinio/third_party/expected-lite/expected.hpp>")

    def test_service_including_a_database_driver(self):
        self.assert_caught("service/app.cpp", "#include <sqlite3.h>\n",
                           "service/app.cpp:1: service/ may not include <sqlite3.h>")

    def test_a_folder_without_a_rule(self):
        rc, out = run({**GOOD, "plugins/x.cpp": '#include "core/error.h"\n'})
        self.assertEqual(rc, 1, out)
        self.assertIn("no layer rule for src/plugins/", out)

    def test_every_violation_is_named(self):
        rc, out = run({**GOOD, "core/a.cpp": '#include "http/api.h"\n#include "service/x.h"\n',
                       "store/b.cpp": '#include "service/y.h"\n'})
        self.assertEqual(rc, 1, out)
        self.assertIn("3 include(s) break the layering", out)


if __name__ == "__main__":
    unittest.main()
