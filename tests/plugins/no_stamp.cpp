// A shared library named like a plugin but exporting nothing of the plugin interface.
extern "C" __attribute__((visibility("default"))) int budconv_unrelated_symbol() {
  return 42;
}
