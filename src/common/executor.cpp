#include "common/executor.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string>
#include <string_view>

namespace agencykpi {

Executor::Executor(int threads) {
  const int workers = threads > 1 ? threads - 1 : 0;
  workers_.reserve(static_cast<size_t>(workers));
  for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { WorkLoop(); });
}

Executor::~Executor() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queue_changed_.notify_all();
  for (std::thread& worker : workers_) worker.join();
  // Without workers (1 thread), what is queued runs in its Task's Get().
}

void Executor::Enqueue(std::shared_ptr<executor_detail::Job> job) {
  if (workers_.empty()) return;  // the Task's Get() runs it
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(job));
  }
  queue_changed_.notify_one();
}

void Executor::WorkLoop() {
  for (;;) {
    std::shared_ptr<executor_detail::Job> job;
    {
      std::unique_lock lock(mutex_);
      queue_changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    // A job its waiter already ran is skipped.
    if (job->Claim()) job->Execute();
  }
}

int ExecutorThreadsFromEnvironment() {
  if (const char* text = std::getenv(kExecutorThreadsVariable)) {
    const std::string_view view(text);
    int threads = 0;
    const auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), threads);
    const bool whole = ec == std::errc() && end == view.data() + view.size();
    if (whole && threads >= 1 && threads <= kMaxExecutorThreads) {
      return threads;
    }
  }
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware == 0 ? 1 : static_cast<int>(std::min<unsigned>(hardware, kMaxExecutorThreads));
}

namespace {

std::mutex shared_mutex;
int requested_threads = 0;  // 0: from the environment
bool shared_started = false;

}  // namespace

Status SetSharedExecutorThreads(int threads) {
  if (threads < 1 || threads > kMaxExecutorThreads) {
    return Status::InvalidInput("the compute threads must be between 1 and " +
                                std::to_string(kMaxExecutorThreads));
  }
  std::lock_guard lock(shared_mutex);
  if (shared_started) return Status::Internal("the shared executor has already started");
  requested_threads = threads;
  return Status::Ok();
}

Executor& SharedExecutor() {
  static Executor executor([] {
    std::lock_guard lock(shared_mutex);
    shared_started = true;
    return requested_threads > 0 ? requested_threads : ExecutorThreadsFromEnvironment();
  }());
  return executor;
}

}  // namespace agencykpi
