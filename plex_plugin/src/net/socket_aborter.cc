#include "net/socket_aborter.h"

#include <sys/socket.h>
#include <unistd.h>

namespace plexdriver {

SocketAborter::Registration::Registration(SocketAborter* aborter, int fd) : aborter_(aborter) {
  std::lock_guard<std::mutex> lock(aborter_->mutex_);
  refused_ = aborter_->aborted_;
  if (refused_ || fd < 0) return;
  dup_ = ::dup(fd);
  if (dup_ >= 0) aborter_->fds_.insert(dup_);
}

SocketAborter::Registration::~Registration() {
  if (dup_ < 0) return;
  std::lock_guard<std::mutex> lock(aborter_->mutex_);
  aborter_->fds_.erase(dup_);
  ::close(dup_);
}

void SocketAborter::Abort() {
  std::lock_guard<std::mutex> lock(mutex_);
  aborted_ = true;
  for (int fd : fds_) ::shutdown(fd, SHUT_RDWR);
}

bool SocketAborter::aborted() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return aborted_;
}

}  // namespace plexdriver
