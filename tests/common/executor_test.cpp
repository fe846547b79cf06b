#include "common/executor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <vector>

namespace agencykpi {
namespace {

constexpr int kPoolSizes[] = {1, 2, 4};

TEST(ExecutorTest, CountsTheCallerAsOneOfItsThreads) {
  for (const int threads : kPoolSizes) EXPECT_EQ(Executor(threads).threads(), threads);
  EXPECT_EQ(Executor(0).threads(), 1);
}

TEST(ExecutorTest, GetReturnsTheTasksValue) {
  int checked = 0;
  for (const int threads : kPoolSizes) {
    Executor executor(threads);
    auto task = executor.Run([] { return 6 * 7; });
    EXPECT_TRUE(task.valid());
    EXPECT_EQ(task.Get(), 42);
    EXPECT_FALSE(task.valid());
    ++checked;
  }
  EXPECT_EQ(checked, 3);
}

TEST(ExecutorTest, RunsEveryTaskExactlyOnce) {
  constexpr int kTasks = 1000;
  for (const int threads : kPoolSizes) {
    Executor executor(threads);
    std::vector<std::atomic<int>> runs(kTasks);
    std::vector<Task<void>> tasks;
    for (int i = 0; i < kTasks; ++i) tasks.push_back(executor.Run([&runs, i] { runs[i].fetch_add(1); }));
    for (auto& task : tasks) task.Get();
    int once = 0;
    for (const auto& r : runs) once += r.load() == 1 ? 1 : 0;
    EXPECT_EQ(once, kTasks) << threads << " threads";
  }
}

TEST(ExecutorTest, WithOneThreadEachTaskRunsInItsGetOnTheCaller) {
  Executor executor(1);
  const std::thread::id caller = std::this_thread::get_id();
  bool ran = false;
  auto task = executor.Run([&] {
    ran = true;
    return std::this_thread::get_id();
  });
  EXPECT_FALSE(ran);  // no worker: nothing runs before Get()
  EXPECT_EQ(task.Get(), caller);
  EXPECT_TRUE(ran);
}

// The engine's shape: a task that submits two tasks and waits on both, under
// callers that do the same, must finish whatever the pool size.
TEST(ExecutorTest, NestedTasksWaitingOnTasksDoNotDeadlock) {
  constexpr int kOuter = 8;
  constexpr int kInnerPerOuter = 2;
  for (const int threads : kPoolSizes) {
    Executor executor(threads);
    std::atomic<int> leaves{0};
    std::vector<Task<int>> outer;
    for (int i = 0; i < kOuter; ++i) {
      outer.push_back(executor.Run([&] {
        auto first = executor.Run([&] { return ++leaves, 1; });
        auto second = executor.Run([&] { return ++leaves, 1; });
        return first.Get() + second.Get();
      }));
    }
    int sum = 0;
    for (auto& task : outer) sum += task.Get();
    EXPECT_EQ(sum, kOuter * kInnerPerOuter) << threads << " threads";
    EXPECT_EQ(leaves.load(), kOuter * kInnerPerOuter) << threads << " threads";
  }
}

// Ingest's shape: a side task runs while the caller works, then is joined.
TEST(ExecutorTest, SideTaskJoinsAfterTheCallersOwnWork) {
  for (const int threads : kPoolSizes) {
    Executor executor(threads);
    int side = 0;
    int main_work = 0;
    auto task = executor.Run([&] { side = 1; });
    main_work = 1;
    task.Get();
    EXPECT_EQ(side + main_work, 2) << threads << " threads";
  }
}

TEST(ExecutorTest, GetRethrowsWhatTheTaskThrew) {
  for (const int threads : kPoolSizes) {
    Executor executor(threads);
    auto task = executor.Run([]() -> int { throw std::runtime_error("broken"); });
    EXPECT_THROW(task.Get(), std::runtime_error) << threads << " threads";
  }
}

TEST(ExecutorTest, ATaskDroppedWithoutGetHasRunWhenItsHandleIsGone) {
  for (const int threads : kPoolSizes) {
    Executor executor(threads);
    int value = 0;
    { auto task = executor.Run([&] { value = 7; }); }
    EXPECT_EQ(value, 7) << threads << " threads";
  }
}

TEST(ExecutorTest, MoveAssigningOverATaskWaitsForTheOldOne) {
  Executor executor(1);
  int first = 0;
  Task<void> task = executor.Run([&] { first = 1; });
  task = executor.Run([] {});
  EXPECT_EQ(first, 1);
  task.Get();
}

TEST(ExecutorTest, EnvironmentVariableSizesThePoolWhenValid) {
  ASSERT_EQ(setenv(kExecutorThreadsVariable, "3", 1), 0);
  EXPECT_EQ(ExecutorThreadsFromEnvironment(), 3);
  ASSERT_EQ(setenv(kExecutorThreadsVariable, "1", 1), 0);
  EXPECT_EQ(ExecutorThreadsFromEnvironment(), 1);
  ASSERT_EQ(unsetenv(kExecutorThreadsVariable), 0);
  const int from_machine = ExecutorThreadsFromEnvironment();
  EXPECT_GE(from_machine, 1);
  for (const char* invalid : {"0", "-2", "three", "4x", "100000"}) {
    ASSERT_EQ(setenv(kExecutorThreadsVariable, invalid, 1), 0);
    EXPECT_EQ(ExecutorThreadsFromEnvironment(), from_machine) << invalid;
  }
  ASSERT_EQ(unsetenv(kExecutorThreadsVariable), 0);
}

TEST(ExecutorTest, SharedExecutorRefusesASizeOutOfRange) {
  EXPECT_EQ(SetSharedExecutorThreads(0).code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(SetSharedExecutorThreads(kMaxExecutorThreads + 1).code(), ErrorCode::kInvalidInput);
}

TEST(ExecutorTest, SharedExecutorCannotBeResizedOnceStarted) {
  EXPECT_GE(SharedExecutor().threads(), 1);
  EXPECT_EQ(SetSharedExecutorThreads(2).code(), ErrorCode::kInternal);
  EXPECT_EQ(SharedExecutor().Run([] { return 5; }).Get(), 5);
}

}  // namespace
}  // namespace agencykpi
