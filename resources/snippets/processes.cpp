// core/strategies/processes/workerpool.cpp: `limit` worker processes, one job each
spawnWorkers(); // fork + execve reqlanes-worker, wait for its hello
while (!m_ctx.cancel.isCancelled() && anyAlive())
    pollOnce(); // read the workers' pipes; a finished worker gets the next job

void WorkerPool::dispatch(Worker &worker) {
    const int id = m_queue.front(); // the rest wait for a free worker process
    m_queue.pop_front();
    worker.process.send(encodeLine(JobMessage{id, timeoutMs, m_url}));
}

// core/strategies/processes/worker/: in the worker, the same blocking request
if (awaitConnected(socket.fd(), inProgress) && send(socket.fd()))
    receive(socket.fd()); // phases go back over the pipe
