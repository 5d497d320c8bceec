// Test-only: a temporary directory of small /bin/sh scripts for the notifier
// tests, removed when the fixture goes away, and a check that this process has no
// unreaped children left.
#ifndef OPENLINE_NOTIFY_TESTING_SCRIPT_DIR_H_
#define OPENLINE_NOTIFY_TESTING_SCRIPT_DIR_H_

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/stat.h>
#include <sys/wait.h>

namespace openline::notify::testing {

class ScriptDir {
 public:
  ScriptDir() {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "notify-test-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    dir_ = tmpl;
  }
  ~ScriptDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  ScriptDir(const ScriptDir&) = delete;
  ScriptDir& operator=(const ScriptDir&) = delete;

  // Writes an executable `#!/bin/sh` script and returns its absolute path.
  std::string Script(const std::string& name, const std::string& body) const {
    const std::string path = Path(name);
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    ::chmod(path.c_str(), 0755);
    return path;
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Read(const std::string& name) const {
    std::ifstream in(Path(name), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  bool Exists(const std::string& name) const {
    return std::filesystem::exists(Path(name));
  }

 private:
  std::filesystem::path dir_;
};

// True when this process has no children at all, running or zombie.
inline bool NoChildrenLeft() {
  return ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

// True when `pid` no longer runs: gone, or a zombie waiting for some other
// reaper (a killed orphan belongs to init, which may be slow to reap it).
inline bool ProcessIsGone(long pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string line;
  std::getline(stat, line);
  const auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'Z';
}

}  // namespace openline::notify::testing

#endif  // OPENLINE_NOTIFY_TESTING_SCRIPT_DIR_H_
