#include "servicedesign/core/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include "servicedesign/core/error.hpp"

namespace servicedesign {

namespace {

[[noreturn]] void throw_io(const std::string& what, const std::filesystem::path& path, int err) {
  throw IoError(what + " '" + path.string() + "': " + std::strerror(err));
}

// Closes the descriptor and removes the temporary file unless the write was committed.
class TempFile {
 public:
  explicit TempFile(const std::filesystem::path& target) {
    std::string pattern = target.string() + ".tmp.XXXXXX";
    name_.assign(pattern.begin(), pattern.end());
    name_.push_back('\0');
    fd_ = ::mkstemp(name_.data());
    if (fd_ < 0) throw_io("cannot create a temporary file next to", target, errno);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(name_.data());
  }
  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] const char* name() const { return name_.data(); }
  void close_or_throw(const std::filesystem::path& target) {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) throw_io("cannot write", target, errno);
  }
  void commit() { committed_ = true; }

 private:
  std::vector<char> name_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  TempFile temp(path);
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(temp.fd(), contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_io("cannot write", path, errno);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(temp.fd()) != 0) throw_io("cannot flush", path, errno);
  // mkstemp creates the file 0600: keep the mode of the file being replaced (a 0600 file of personal
  // data stays private), or give a new file the usual mode under the process umask.
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0) {
    ::fchmod(temp.fd(), existing.st_mode & 07777);
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(temp.fd(), static_cast<mode_t>(0666 & ~mask));
  }
  temp.close_or_throw(path);
  if (::rename(temp.name(), path.c_str()) != 0) throw_io("cannot replace", path, errno);
  temp.commit();
  // Make the rename itself durable: flush the folder's entry.
  const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const int dir_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

std::string read_file(const std::filesystem::path& path) {
  // A folder opens like a file on Linux and then reads as empty: say what it is instead.
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw IoError("cannot open '" + path.string() + "': it is a directory, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_io("cannot open", path, errno);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw_io("cannot read", path, errno);
  return std::move(buffer).str();
}

}  // namespace servicedesign
