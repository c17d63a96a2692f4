// LeakSanitizer suppressions for the sanitizer build, linked into the executables that
// render letters. Fontconfig (2.14) leaks a few hundred bytes once while it parses its
// configuration (FcInitLoadConfigAndFonts, on Pango's font-loading thread): not ours, and
// not per letter (the tests render dozens in one process). Matched by library, since the
// sanitizer's fast unwinder stops inside fontconfig, which has no frame pointers.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}
extern "C" const char* __lsan_default_options() {
  return "print_suppressions=0";
}
