// Executor: the one small thread pool the components share for their
// parallel work (the engine's halves, ingest's side reader, the store's
// snapshot writer), instead of a thread per call.
//
// Contract:
// - Run(fn) queues fn and returns a Task; Task::Get() waits for fn's result
//   (rethrowing what it threw). A Task destroyed without Get() waits too, so
//   what fn refers to outlives it.
// - A task never waits on the pool: when Get() finds its task not yet taken
//   by a worker, the caller runs it itself. So tasks may submit and wait on
//   tasks, to any depth, with any number of threads, without deadlock; with
//   1 thread there is no worker and each task runs inside its Get().
// - An Executor of `threads` counts its callers as one: it starts
//   threads - 1 workers.
// - SharedExecutor() is sized, on its first use, by SetSharedExecutorThreads()
//   (the CLI's --compute-threads), else the environment variable
//   AGENCYKPI_THREADS, else std::thread::hardware_concurrency().
//
// Thread safety: Run may be called from any thread, including from a task;
// one Task is used by one thread at a time.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "common/status.h"

namespace agencykpi {

// The largest pool size accepted from --compute-threads or AGENCYKPI_THREADS.
inline constexpr int kMaxExecutorThreads = 256;
// The environment variable that sizes the shared executor.
inline constexpr const char* kExecutorThreadsVariable = "AGENCYKPI_THREADS";

namespace executor_detail {

// One queued piece of work, run exactly once by whoever claims it first.
class Job {
 public:
  virtual ~Job() = default;
  // True for the one caller that may run the job.
  bool Claim() { return !claimed_.exchange(true, std::memory_order_acq_rel); }
  // Runs the job (after a successful Claim) and wakes its waiter.
  void Execute() {
    RunBody();
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    done_changed_.notify_all();
  }
  // Runs the job here if nobody has, else waits until it has run.
  void Finish() {
    if (Claim()) {
      Execute();
      return;
    }
    std::unique_lock lock(mutex_);
    done_changed_.wait(lock, [this] { return done_; });
  }

 private:
  virtual void RunBody() = 0;
  std::atomic<bool> claimed_{false};
  std::mutex mutex_;
  std::condition_variable done_changed_;
  bool done_ = false;
};

// A job that yields a T (std::monostate for void).
template <typename T>
class ValueJob : public Job {
 public:
  using Stored = std::conditional_t<std::is_void_v<T>, std::monostate, T>;
  // After Finish(): the value, or rethrows what the job threw.
  Stored Take() {
    if (error_) std::rethrow_exception(error_);
    return std::move(*result_);
  }

 protected:
  std::optional<Stored> result_;
  std::exception_ptr error_;
};

template <typename T, typename Fn>
class FnJob final : public ValueJob<T> {
 public:
  explicit FnJob(Fn fn) : fn_(std::move(fn)) {}

 private:
  void RunBody() override {
    try {
      if constexpr (std::is_void_v<T>) {
        fn_();
        this->result_.emplace();
      } else {
        this->result_.emplace(fn_());
      }
    } catch (...) {
      this->error_ = std::current_exception();
    }
  }
  Fn fn_;
};

}  // namespace executor_detail

// The handle of one Run, yielding a T: move-only, like std::future<T>.
template <typename T>
class Task {
 public:
  Task() = default;
  explicit Task(std::shared_ptr<executor_detail::ValueJob<T>> job) : job_(std::move(job)) {}
  Task(Task&&) noexcept = default;
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      Wait();
      job_ = std::move(other.job_);
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { Wait(); }

  // True from Run until Get().
  [[nodiscard]] bool valid() const { return job_ != nullptr; }

  // The task's result, running it here if no worker has taken it yet.
  T Get() {
    auto job = std::move(job_);
    job->Finish();
    if constexpr (std::is_void_v<T>) {
      job->Take();
    } else {
      return job->Take();
    }
  }

 private:
  void Wait() noexcept {
    if (job_) job_->Finish();
    job_.reset();
  }
  std::shared_ptr<executor_detail::ValueJob<T>> job_;
};

class Executor {
 public:
  // threads ≥ 1, the calling threads counting as one.
  explicit Executor(int threads);
  ~Executor();  // runs what is still queued, then joins the workers
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  [[nodiscard]] int threads() const { return static_cast<int>(workers_.size()) + 1; }

  template <typename Fn, typename T = std::invoke_result_t<std::decay_t<Fn>&>>
  [[nodiscard]] Task<T> Run(Fn&& fn) {
    auto job = std::make_shared<executor_detail::FnJob<T, std::decay_t<Fn>>>(std::forward<Fn>(fn));
    Enqueue(job);
    return Task<T>(std::move(job));
  }

 private:
  void Enqueue(std::shared_ptr<executor_detail::Job> job);
  void WorkLoop();

  std::mutex mutex_;
  std::condition_variable queue_changed_;
  std::deque<std::shared_ptr<executor_detail::Job>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// The pool size from the environment: AGENCYKPI_THREADS when it is an integer
// in 1..kMaxExecutorThreads, else hardware_concurrency() (1 when unknown).
int ExecutorThreadsFromEnvironment();

// Sizes SharedExecutor(); refused (kInvalidInput) outside
// 1..kMaxExecutorThreads, or (kInternal) once the shared executor has started.
Status SetSharedExecutorThreads(int threads);

// The process's executor, started on first use.
Executor& SharedExecutor();

}  // namespace agencykpi
