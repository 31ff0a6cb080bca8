// core/strategies/processes/workerpool.cpp:
// `limit` worker processes, one job each
// fork + execve reqlanes-worker, wait for its hello
spawnWorkers();
while (!m_ctx.cancel.isCancelled() && anyAlive()) {
    // read the pipes: a finished worker gets the next job
    pollOnce();
    checkDeadlines();
}

void WorkerPool::dispatch(Worker &worker) {
    // the rest wait for a free worker process
    const int id = m_queue.front();
    m_queue.pop_front();
    worker.process.send(encodeLine(
        JobMessage{id, generation, timeoutMs, m_url}));
}

// core/strategies/processes/worker/main.cpp: the worker
// runs fetchBlocking(), the same blocking request
if (connect(resolved, socket) && send(socket.get()))
    receive(socket.get()); // phases go back over the pipe
