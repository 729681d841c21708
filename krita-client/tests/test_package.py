import os
import tempfile
import unittest
import zipfile

import importlib.util

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("package", os.path.join(os.path.dirname(HERE), "tools", "package.py"))
package = importlib.util.module_from_spec(spec)
spec.loader.exec_module(package)


class PackageTest(unittest.TestCase):
    def test_zip_has_the_layout_krita_imports(self):
        with tempfile.TemporaryDirectory() as d:
            out = package.build(os.path.join(d, "easel_krita.zip"))
            with zipfile.ZipFile(out) as z:
                names = set(z.namelist())
                desktop = z.read("easel_krita.desktop").decode("utf-8")
        self.assertIn("easel_krita/__init__.py", names)
        self.assertIn("easel_krita/controller.py", names)
        self.assertIn("ServiceTypes=Krita/PythonPlugin", desktop)
        self.assertIn("X-KDE-Library=easel_krita", desktop)
        self.assertFalse(any("test" in n for n in names), names)


if __name__ == "__main__":
    unittest.main()
