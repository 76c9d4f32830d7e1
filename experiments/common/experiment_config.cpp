#include "experiments/common/experiment_config.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "support/input_error.hpp"
#include "support/sha256.hpp"

namespace betarelax::experiments {
namespace {

/// Deep merge: tables merge key by key, anything else is replaced.
void merge_into(toml::table& base, const toml::table& over) {
  for (const auto& [key, node] : over) {
    toml::node* mine = base.get(key);
    if (mine && mine->is_table() && node.is_table()) {
      merge_into(*mine->as_table(), *node.as_table());
    } else {
      base.insert_or_assign(key, node);
    }
  }
}

void collect_keys(const toml::table& t, const std::string& prefix, std::vector<std::string>& out) {
  for (const auto& [key, node] : t) {
    const std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (node.is_table()) {
      collect_keys(*node.as_table(), name, out);
    } else {
      out.push_back(name);
    }
  }
}

const toml::node* node(const void* p) { return static_cast<const toml::node*>(p); }

toml::table parse_file_naming_it(const std::string& path) {
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << path << ":" << e.source().begin.line << ":" << e.source().begin.column << ": " << e.description();
    throw InputError(msg.str());
  }
}

/// The file with the one it `extends` (a path relative to it) merged under
/// it, recursively: what several experiments share is written once and each
/// states only what differs. The merged table is what the config hash covers.
toml::table parse_with_bases(const std::string& path, int depth) {
  if (!std::filesystem::is_regular_file(path)) throw InputError(path + ": no such file");
  toml::table doc = parse_file_naming_it(path);
  const toml::node* extends = doc.get("extends");
  if (!extends) return doc;
  const auto base_name = extends->value<std::string>();
  if (!base_name) throw InputError(path + ": extends: expected the path of a TOML file");
  if (depth >= 8) throw InputError(path + ": extends: more than 8 files deep (a cycle?)");
  const std::string base_path = (std::filesystem::path(path).parent_path() / *base_name).string();
  if (!std::filesystem::is_regular_file(base_path)) throw InputError(path + ": extends: no file " + base_path);
  toml::table merged = parse_with_bases(base_path, depth + 1);
  doc.erase("extends");
  merge_into(merged, doc);
  return merged;
}

}  // namespace

struct ExperimentConfig::Table {
  toml::table t;
};

ExperimentConfig::ExperimentConfig(const std::string& path, const std::string& profile)
    : path_(path), profile_(profile) {
  const toml::table doc = parse_with_bases(path, 0);
  const toml::table* profiles = doc["profile"].as_table();
  if (!profiles) throw InputError(path + ": no [profile.<name>] tables (smoke, standard, paper)");
  const toml::table* chosen = (*profiles)[profile].as_table();
  if (!chosen) {
    std::string known;
    for (const auto& [key, node] : *profiles) known += (known.empty() ? "" : ", ") + std::string(key.str());
    throw InputError(path + ": no profile '" + profile + "' (this file has: " + known + ")");
  }
  auto merged = std::make_shared<Table>();
  merged->t = doc;
  merged->t.erase("profile");
  merge_into(merged->t, *chosen);
  merged_ = merged;
}

const void* ExperimentConfig::find(const std::string& key) const {
  used_.insert(key);
  return merged_->t.at_path(key).node();
}

bool ExperimentConfig::has(const std::string& key) const { return merged_->t.at_path(key).node() != nullptr; }

void ExperimentConfig::fail(const std::string& key, const std::string& what) const {
  throw InputError(path_ + " (profile " + profile_ + "): " + key + ": " + what);
}

std::string ExperimentConfig::experiment() const { return text("experiment"); }

double ExperimentConfig::number(const std::string& key) const {
  const toml::node* n = node(find(key));
  if (!n) fail(key, "missing");
  if (auto v = n->value<double>()) return *v;  // toml++ converts integers too
  fail(key, "expected a number");
}

double ExperimentConfig::number(const std::string& key, double fallback) const {
  return find(key) ? number(key) : fallback;
}

double ExperimentConfig::positive(const std::string& key) const {
  const double v = number(key);
  if (!(v > 0)) fail(key, "must be positive, got " + std::to_string(v));
  return v;
}

double ExperimentConfig::positive(const std::string& key, double fallback) const {
  return find(key) ? positive(key) : fallback;
}

long ExperimentConfig::integer(const std::string& key) const {
  const toml::node* n = node(find(key));
  if (!n) fail(key, "missing");
  if (auto v = n->as_integer()) return static_cast<long>(v->get());
  fail(key, "expected an integer");
}

long ExperimentConfig::integer(const std::string& key, long fallback) const {
  return find(key) ? integer(key) : fallback;
}

bool ExperimentConfig::flag(const std::string& key) const {
  const toml::node* n = node(find(key));
  if (!n) fail(key, "missing");
  if (auto v = n->as_boolean()) return v->get();
  fail(key, "expected true or false");
}

bool ExperimentConfig::flag(const std::string& key, bool fallback) const { return find(key) ? flag(key) : fallback; }

std::string ExperimentConfig::text(const std::string& key) const {
  const toml::node* n = node(find(key));
  if (!n) fail(key, "missing");
  if (auto v = n->as_string()) return v->get();
  fail(key, "expected a string");
}

std::string ExperimentConfig::text(const std::string& key, const std::string& fallback) const {
  return find(key) ? text(key) : fallback;
}

std::vector<double> ExperimentConfig::numbers(const std::string& key) const {
  const toml::node* n = node(find(key));
  if (!n) fail(key, "missing");
  const toml::array* a = n->as_array();
  if (!a) fail(key, "expected an array of numbers");
  std::vector<double> out;
  for (const auto& e : *a) {
    auto v = e.value<double>();
    if (!v) fail(key, "expected an array of numbers");
    out.push_back(*v);
  }
  return out;
}

std::vector<std::string> ExperimentConfig::texts(const std::string& key) const {
  const toml::node* n = node(find(key));
  if (!n) fail(key, "missing");
  if (auto s = n->as_string()) return {s->get()};
  const toml::array* a = n->as_array();
  if (!a) fail(key, "expected a string or an array of strings");
  std::vector<std::string> out;
  for (const auto& e : *a) {
    auto v = e.value<std::string>();
    if (!v) fail(key, "expected a string or an array of strings");
    out.push_back(*v);
  }
  return out;
}

void ExperimentConfig::check_all_used() const {
  std::vector<std::string> keys;
  collect_keys(merged_->t, "", keys);
  std::string unknown;
  for (const auto& k : keys)
    if (!used_.count(k)) unknown += (unknown.empty() ? "" : ", ") + k;
  if (!unknown.empty()) throw InputError(path_ + " (profile " + profile_ + "): unknown keys: " + unknown);
}

std::string ExperimentConfig::canonical_text() const {
  // [budget] is a wall-time expectation, not a setting of the physics: a
  // changed budget changes no result, so it neither changes the hash nor
  // stops a --resume.
  toml::table t = merged_->t;
  t.erase("budget");
  std::ostringstream os;
  os << t;
  return os.str();
}

void ExperimentConfig::set_integer(const std::string& key, long value, const std::string& option) {
  auto copy = std::make_shared<Table>(*merged_);  // copies of this config keep the file's value
  toml::node* n = copy->t.at_path(key).node();
  if (!n || !n->is_integer()) {
    throw InputError(option + ": " + path_ + " (profile " + profile_ + ") has no integer " + key + " to set");
  }
  *n->as_integer() = value;
  merged_ = copy;
}

std::string ExperimentConfig::hash() const { return sha256_hex(canonical_text()); }

std::string ExperimentConfig::resolve_path(const std::string& raw) const {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '$' && i + 1 < raw.size() && raw[i + 1] == '{') {
      const size_t close = raw.find('}', i);
      if (close == std::string::npos) break;
      const char* value = std::getenv(raw.substr(i + 2, close - i - 2).c_str());
      out += value ? value : "";
      i = close;
    } else {
      out += raw[i];
    }
  }
  if (out.empty()) return out;
  std::filesystem::path p(out);
  if (p.is_relative()) p = std::filesystem::path(path_).parent_path() / p;
  return p.lexically_normal().string();
}

}  // namespace betarelax::experiments
