"""Wheel build hook: the wheel carries a native binary, so it is tagged for this platform (not
py3-none-any), and the binary, which git ignores (scripts/build-wheel copies it in), is
force-included since hatch leaves out ignored files."""

import os
import sysconfig

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

BINARY = os.path.join("src", "cohort_sandbox", "bin", "cohort")


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version, build_data):
        binary = os.path.join(self.root, BINARY)
        if not os.access(binary, os.X_OK):
            raise RuntimeError(f"no executable {binary}: run scripts/build-wheel")
        build_data["pure_python"] = False
        # linux-x86_64 -> py3-none-linux_x86_64: any Python 3, no ABI, this OS and CPU.
        platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
        build_data["tag"] = f"py3-none-{platform}"
        build_data["force_include"][binary] = "cohort_sandbox/bin/cohort"
