#pragma once
/// An experiment's TOML file at one profile: the top-level tables, with the
/// tables of [profile.<name>] merged over them key by key. Every value is
/// read through a typed getter whose error names the file and the key, and
/// keys nobody read are reported at the end (a typo never silently falls
/// back to a default). The merged text hashes to the config hash recorded in
/// every result.
///
/// toml++ stays inside experiment_config.cpp (a pointer to its table here):
/// nvcc cannot compile its headers, and that file is built host-only in CUDA
/// builds.
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace betarelax::experiments {

class ExperimentConfig {
 public:
  /// Parses `path` and merges [profile.<profile>]; throws InputError naming
  /// the file (parse errors with line and column, an unknown profile with the
  /// list of known ones).
  ExperimentConfig(const std::string& path, const std::string& profile);

  const std::string& path() const { return path_; }
  const std::string& profile() const { return profile_; }
  /// The value of the top-level `experiment` key.
  std::string experiment() const;

  double number(const std::string& key) const;  ///< "section.key"; integers accepted
  double number(const std::string& key, double fallback) const;
  double positive(const std::string& key) const;
  double positive(const std::string& key, double fallback) const;
  long integer(const std::string& key) const;
  long integer(const std::string& key, long fallback) const;
  bool flag(const std::string& key) const;  ///< a TOML boolean
  bool flag(const std::string& key, bool fallback) const;
  std::string text(const std::string& key) const;
  std::string text(const std::string& key, const std::string& fallback) const;
  std::vector<double> numbers(const std::string& key) const;
  std::vector<std::string> texts(const std::string& key) const;  ///< a string or an array of strings
  bool has(const std::string& key) const;

  /// Replaces an integer the file sets (a command-line override such as
  /// --realisation): the hash covers it. Throws InputError when the file
  /// does not set `key` (nothing to override: the option means nothing here).
  void set_integer(const std::string& key, long value, const std::string& option);

  /// Throws InputError listing the keys no getter asked for.
  void check_all_used() const;

  /// The merged configuration as canonical TOML text, and its SHA-256;
  /// [budget] (wall_s, what a stage is expected to take) is left out.
  std::string canonical_text() const;
  std::string hash() const;

  /// A path from the file, resolved: ${VAR} expanded, relative paths taken
  /// against the TOML file's folder.
  std::string resolve_path(const std::string& raw) const;

 private:
  struct Table;  ///< the merged toml::table
  const void* find(const std::string& key) const;  ///< a toml::node*, or null
  [[noreturn]] void fail(const std::string& key, const std::string& what) const;

  std::string path_, profile_;
  std::shared_ptr<const Table> merged_;
  mutable std::set<std::string> used_;
};

}  // namespace betarelax::experiments
