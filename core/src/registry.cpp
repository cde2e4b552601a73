// Plugin discovery and loading with Boost.DLL, and choosing a format for a file.
#include "budconv/registry.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <cstdlib>
#include <set>
#include <sstream>

#include "budconv/file_io.hpp"

#ifndef BUDCONV_BUILD_PLUGIN_DIR
#define BUDCONV_BUILD_PLUGIN_DIR ""
#endif

namespace budconv {

namespace fs = std::filesystem;

struct Registry::Libs {
  std::vector<std::shared_ptr<boost::dll::shared_library>> all;
};

namespace {

// Keeps the library alive for as long as anything it created is referenced: the holder's
// members are destroyed in reverse order, the object first, the library last.
template <class T>
struct Bound {
  std::shared_ptr<boost::dll::shared_library> lib;
  std::shared_ptr<T> obj;
};

template <class T>
std::shared_ptr<T> bind_to_library(std::shared_ptr<T> obj,
                                   std::shared_ptr<boost::dll::shared_library> lib) {
  if (!obj || !lib) return obj;
  T* raw = obj.get();
  auto holder = std::make_shared<Bound<T>>(Bound<T>{std::move(lib), std::move(obj)});
  return std::shared_ptr<T>(holder, raw);
}

bool is_library_name(const fs::path& p) {
  const std::string name = p.filename().string();
  const std::string ext = p.extension().string();
  return name.rfind("budconv_", 0) == 0 && (ext == ".so" || ext == ".dylib" || ext == ".dll");
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string extension_of(const fs::path& p) {
  return lower_extension(p.filename().string());
}

bool has_extension(const FormatInfo& info, const std::string& ext) {
  return std::find(info.extensions.begin(), info.extensions.end(), ext) != info.extensions.end();
}

}  // namespace

Registry::Registry() : libs_(std::make_unique<Libs>()) {}

Registry::~Registry() {
  // Objects first, libraries last (libs_ is declared first, so it is destroyed last anyway;
  // clearing explicitly documents the order).
  plugins_.clear();
}

std::vector<fs::path> Registry::default_search_path() {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("BUDCONV_PLUGIN_PATH")) {
    std::stringstream ss(env);
    std::string item;
    while (std::getline(ss, item, ':')) {
      if (!item.empty()) dirs.emplace_back(item);
    }
  }
  std::error_code ec;
  fs::path exe = boost::dll::program_location(ec);
  if (!ec && !exe.empty()) {
    fs::path dir = exe.parent_path();
    dirs.push_back(dir / "plugins");
    dirs.push_back(dir.parent_path() / "plugins");
    dirs.push_back(dir.parent_path() / "lib" / "budconv" / "plugins");
  }
  if (std::string(BUDCONV_BUILD_PLUGIN_DIR).size()) dirs.emplace_back(BUDCONV_BUILD_PLUGIN_DIR);
  // Drop duplicates (the build tree is also <exe>/../plugins) while keeping order.
  std::vector<fs::path> unique;
  std::set<fs::path> seen;
  for (auto& d : dirs) {
    fs::path key = fs::weakly_canonical(d, ec);
    if (ec) key = d;
    if (seen.insert(key).second) unique.push_back(d);
  }
  return unique;
}

void Registry::load_directory(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (is_library_name(e.path())) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) load_file(f);
}

bool Registry::load_file(const fs::path& file) {
  auto fail = [&](std::string zh, std::string en) {
    failures_.push_back(PluginFailure{file, std::move(zh), std::move(en)});
    return false;
  };
  auto lib = std::make_shared<boost::dll::shared_library>();
  boost::dll::fs::error_code ec;
  // rtld_now: a library with unresolved symbols fails here, not at a later call.
  auto mode = boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local;
#ifdef RTLD_NODELETE
  // Plugins stay mapped until the process ends (DESIGN §4): code a plugin registered with the C
  // runtime (atexit, thread-locals, libraries it pulled in such as FreeXL) is never unmapped
  // under it, and LeakSanitizer can still name the library a leak came from.
  mode = mode | static_cast<boost::dll::load_mode::type>(RTLD_NODELETE);
#endif
  lib->load(file, mode, ec);
  if (ec || !lib->is_loaded()) {
    std::string why = ec ? ec.message() : "unknown";
    return fail("无法加载动态库：" + why, "cannot load library: " + why);
  }
  if (!lib->has(BUDCONV_PLUGIN_ABI_SYMBOL)) {
    return fail("不是 budconv 插件（缺少 ABI 标记）", "not a budconv plugin (no ABI stamp symbol)");
  }
  const std::uint32_t abi = lib->get<const std::uint32_t>(BUDCONV_PLUGIN_ABI_SYMBOL);
  if (abi != kPluginAbi) {
    return fail("ABI 版本不匹配：插件为 " + std::to_string(abi) + "，程序需要 " +
                    std::to_string(kPluginAbi) + "；请用同一版本重新编译插件",
                "ABI mismatch: plugin has " + std::to_string(abi) + ", program needs " +
                    std::to_string(kPluginAbi) + "; rebuild the plugin with this version");
  }
  if (!lib->has(BUDCONV_PLUGIN_FACTORY_SYMBOL)) {
    return fail("插件缺少工厂函数 " BUDCONV_PLUGIN_FACTORY_SYMBOL,
                "plugin has no factory " BUDCONV_PLUGIN_FACTORY_SYMBOL);
  }
  std::shared_ptr<Plugin> plugin;
  try {
    auto& factory = lib->get_alias<PluginFactory>(BUDCONV_PLUGIN_FACTORY_SYMBOL);
    plugin = factory();
  } catch (...) {
    plugin = nullptr;
  }
  if (!plugin) {
    return fail("插件初始化失败（工厂函数未返回插件对象）",
                "plugin initialisation failed (the factory returned no plugin)");
  }
  PluginInfo info;
  try {
    info = plugin->info();
  } catch (...) {
    return fail("插件初始化失败（info() 抛出异常）", "plugin initialisation failed (info() threw)");
  }
  for (const auto& p : plugins_) {
    if (p.info.id == info.id) return true;  // first one found on the search path wins
  }
  libs_->all.push_back(lib);
  plugins_.push_back(LoadedPlugin{info, file, bind_to_library(std::move(plugin), lib)});
  return true;
}

void Registry::load_default() {
  for (const auto& dir : default_search_path()) load_directory(dir);
}

void Registry::add(std::shared_ptr<Plugin> plugin) {
  if (!plugin) return;
  PluginInfo info = plugin->info();
  plugins_.push_back(LoadedPlugin{info, {}, std::move(plugin)});
}

namespace {

// Format lists are asked of the plugin each time and bound to its library, so a format object
// held by a caller keeps its code loaded.
template <class T, class Get>
std::vector<std::shared_ptr<T>> collect(const std::vector<LoadedPlugin>& plugins, Get get) {
  std::vector<std::shared_ptr<T>> out;
  for (const auto& p : plugins) {
    std::vector<std::shared_ptr<T>> items;
    try {
      items = get(*p.plugin);
    } catch (...) {
      continue;
    }
    for (auto& item : items) {
      if (!item) continue;
      // Aliasing on the plugin pointer keeps the plugin (and through it the library) alive.
      auto keep =
          std::make_shared<std::pair<std::shared_ptr<Plugin>, std::shared_ptr<T>>>(p.plugin, item);
      out.push_back(std::shared_ptr<T>(keep, item.get()));
    }
  }
  return out;
}

}  // namespace

std::vector<std::shared_ptr<ContainerFormat>> Registry::containers() const {
  return collect<ContainerFormat>(plugins_, [](const Plugin& p) { return p.containers(); });
}

std::vector<std::shared_ptr<DocumentFormat>> Registry::documents() const {
  return collect<DocumentFormat>(plugins_, [](const Plugin& p) { return p.documents(); });
}

std::vector<std::shared_ptr<TemplateFormat>> Registry::templates() const {
  return collect<TemplateFormat>(plugins_, [](const Plugin& p) { return p.templates(); });
}

namespace {

struct Candidate {
  FormatChoice choice;
  FormatInfo info;
};

std::vector<Candidate> all_candidates(const Registry& reg) {
  std::vector<Candidate> out;
  for (auto& c : reg.containers()) {
    FormatChoice ch;
    ch.kind = FormatKind::container;
    ch.container = c;
    FormatInfo info = c->info();
    ch.id = info.id;
    out.push_back({ch, info});
  }
  for (auto& d : reg.documents()) {
    FormatChoice ch;
    ch.kind = FormatKind::document;
    ch.document = d;
    FormatInfo info = d->info();
    ch.id = info.id;
    out.push_back({ch, info});
  }
  return out;
}

std::string known_ids(const std::vector<Candidate>& cands, bool reading) {
  std::string s;
  for (const auto& c : cands) {
    if (reading ? !c.info.can_read : !c.info.can_write) continue;
    if (!s.empty()) s += ", ";
    s += c.info.id;
  }
  return s.empty() ? "-" : s;
}

Sniff sniff_of(const Candidate& c, std::span<const std::byte> head, std::string_view name) {
  try {
    return c.choice.kind == FormatKind::container ? c.choice.container->sniff(head, name)
                                                  : c.choice.document->sniff(head, name);
  } catch (...) {
    return Sniff::no;
  }
}

}  // namespace

Result<FormatChoice> Registry::find(const std::string& id, Lang lang) const {
  auto cands = all_candidates(*this);
  for (auto& c : cands) {
    if (c.info.id == lower(id)) return c.choice;
  }
  const bool en = lang == Lang::en;
  return make_error(ErrorCode::usage, (en ? "unknown format '" : "未知格式“") + id +
                                          (en ? "'; known formats: " : "”；可用格式：") +
                                          known_ids(cands, true));
}

Result<FormatChoice> Registry::detect_input(const fs::path& path, Lang lang) const {
  const bool en = lang == Lang::en;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    return make_error(ErrorCode::io, path.string() + (en ? ": is a directory, expected a file"
                                                         : "：这是一个目录，应为文件"));
  }
  if (!fs::exists(path, ec)) {
    return make_error(ErrorCode::io, path.string() + (en ? ": no such file" : "：文件不存在"));
  }
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0 && !ec) {
    return make_error(ErrorCode::format,
                      path.string() + (en ? ": the file is empty" : "：文件为空"));
  }
  auto head = read_head(path, 4096);
  const std::string name = path.filename().string();
  const std::string ext = extension_of(path);
  auto cands = all_candidates(*this);
  const Candidate* best = nullptr;
  int best_score = 0;
  std::string yes_ids;
  for (const auto& c : cands) {
    if (!c.info.can_read) continue;
    Sniff s = sniff_of(c, head, name);
    if (s == Sniff::no) continue;
    // Content beats name: yes = 4, maybe = 2; a matching extension adds 1.
    int score = (s == Sniff::yes ? 4 : 2) + (has_extension(c.info, ext) ? 1 : 0);
    if (score > best_score) {
      best = &c;
      best_score = score;
    }
  }
  if (best) return best->choice;
  return make_error(ErrorCode::format,
                    path.string() +
                        (en ? ": unrecognised file format; readable formats: "
                            : "：无法识别的文件格式；可读取的格式：") +
                        known_ids(cands, true) +
                        (en ? " (use --from to choose one)" : "（可用 --from 指定）"));
}

Result<FormatChoice> Registry::detect_output(const fs::path& path, Lang lang,
                                             std::optional<FormatKind> prefer) const {
  const bool en = lang == Lang::en;
  const std::string ext = extension_of(path);
  auto cands = all_candidates(*this);
  const Candidate* first = nullptr;
  for (const auto& c : cands) {
    if (!c.info.can_write || !has_extension(c.info, ext)) continue;
    if (!prefer || c.choice.kind == *prefer) return c.choice;
    if (!first) first = &c;
  }
  if (first) return first->choice;
  return make_error(
      ErrorCode::usage,
      path.string() +
          (en ? ": cannot tell the output format from the extension '" : "：无法从扩展名“") + ext +
          (en ? "'; writable formats: " : "”判断输出格式；可写出的格式：") +
          known_ids(cands, false) + (en ? " (use --to)" : "（可用 --to 指定）"));
}

}  // namespace budconv
