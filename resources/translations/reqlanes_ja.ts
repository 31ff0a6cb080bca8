<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>FileFormat</name>
    <message>
        <source>Run file (JSON)</source>
        <translation>実行結果ファイル (JSON)</translation>
    </message>
    <message>
        <source>reqlanes run (*.json)</source>
        <translation>reqlanes 実行結果 (*.json)</translation>
    </message>
    <message>
        <source>Chrome trace</source>
        <translation>Chrome トレース</translation>
    </message>
    <message>
        <source>Chrome trace (*.json)</source>
        <translation>Chrome トレース (*.json)</translation>
    </message>
    <message>
        <source>CSV, one row per request</source>
        <translation>CSV（リクエストごとに 1 行）</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Drawn spans (CSV)</source>
        <translation>描画されたスパン (CSV)</translation>
    </message>
    <message>
        <source>Spans CSV (*.csv)</source>
        <translation>スパン CSV (*.csv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <source>OpenTelemetry traces (OTLP/JSON)</source>
        <translation>OpenTelemetry トレース (OTLP/JSON)</translation>
    </message>
    <message>
        <source>OpenTelemetry traces (*.json *.jsonl)</source>
        <translation>OpenTelemetry トレース (*.json *.jsonl)</translation>
    </message>
    <message>
        <source>HAR 1.2</source>
        <translation>HAR 1.2</translation>
    </message>
    <message>
        <source>HTTP Archive (*.har)</source>
        <translation>HTTP アーカイブ (*.har)</translation>
    </message>
</context>
<context>
    <name>FileLimit</name>
    <message>
        <source>N=%1 with %2 needs ~%3 open files%4, the hard limit is %5; raise it with ulimit -Hn (or in /etc/security/limits.conf), or run fewer requests at once</source>
        <translation>N=%1 の %2 にはファイル記述子が約 %3 個必要です%4が、ハードリミットは %5 です。ulimit -Hn（または /etc/security/limits.conf）で上げるか、同時に送るリクエストを減らしてください</translation>
    </message>
    <message>
        <source> (a client and a server socket per request)</source>
        <translation>（リクエストごとにクライアントとサーバーのソケットが 1 つずつ）</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>The run failed: %1.</source>
        <translation>実行に失敗しました: %1。</translation>
    </message>
    <message>
        <source>The run was stopped after %1: %2 of %3 requests had finished.</source>
        <translation>%1 で実行を停止しました: %3 件中 %2 件のリクエストが終わっていました。</translation>
    </message>
    <message>
        <source>%1 of %2 requests failed: %3.</source>
        <translation>%2 件中 %1 件のリクエストが失敗しました: %3。</translation>
    </message>
    <message>
        <source>%1 of %2 requests waited %3 in the server&apos;s queue: %4 workers, %5 requests at once.</source>
        <translation>%2 件中 %1 件のリクエストがサーバーのキューで %3 待ちました: ワーカー %4 個に対して同時に %5 件。</translation>
    </message>
    <message>
        <source>The semaphore held %1 of %2 requests back for %3: at most %4 at once.</source>
        <translation>セマフォが %2 件中 %1 件のリクエストを %3 待たせました: 同時に最大 %4 件。</translation>
    </message>
    <message>
        <source>%1 of %2 requests waited %3 for one of the %4 pool threads.</source>
        <translation>%2 件中 %1 件のリクエストが %4 本のプールスレッドの空きを %3 待ちました。</translation>
    </message>
    <message>
        <source>%1 of %2 requests waited %3 for one of the %4 worker processes.</source>
        <translation>%2 件中 %1 件のリクエストが %4 個のワーカープロセスの空きを %3 待ちました。</translation>
    </message>
    <message>
        <source>%1 of %2 requests waited %3 in the client for a free connection.</source>
        <translation>%2 件中 %1 件のリクエストがクライアント側で空きコネクションを %3 待ちました。</translation>
    </message>
    <message>
        <source>%1 of %2 requests waited %3 in the client before they went out.</source>
        <translation>%2 件中 %1 件のリクエストが送信前にクライアント側で %3 待ちました。</translation>
    </message>
    <message>
        <source>%1 Nothing queued in the server.</source>
        <translation>%1 サーバー側では何も待ちませんでした。</translation>
    </message>
    <message>
        <source>Never more than %1 in flight although %2 were started at once: Qt opens at most %3 connections per host.</source>
        <translation>%2 件を一度に開始したのに、同時に通信中だったのは最大 %1 件: Qt は 1 ホストあたり最大 %3 本しか接続を開きません。</translation>
    </message>
    <message>
        <source>Never more than %1 in flight although %2 were started at once: something in the client held the rest back.</source>
        <translation>%2 件を一度に開始したのに、同時に通信中だったのは最大 %1 件: クライアント内の何かが残りを止めていました。</translation>
    </message>
    <message>
        <source>Starting %1 worker processes took %2 before the first request went out.</source>
        <translation>ワーカープロセス %1 個の起動に %2 かかり、その後で最初のリクエストが送られました。</translation>
    </message>
    <message>
        <source>%1 requests took %2.</source>
        <translation>%1 件のリクエストに %2 かかりました。</translation>
    </message>
    <message>
        <source>It took %1 against an ideal of %2 (×%3): %4 requests, at most %5 at once, %6 each.</source>
        <translation>理想の %2 に対して %1 かかりました（×%3）: リクエスト %4 件、同時に最大 %5 件、1 件あたり %6。</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1〜%2</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 requests waited %2 behind the stopped run&apos;s leftover work (%3 of its requests were still in the server).</source>
        <translation>%1 件のリクエストが、停止した実行の残り処理の後ろで %2 待ちました（その実行のリクエスト %3 件がまだサーバーにありました）。</translation>
    </message>
    <message>
        <source>%1 of %2 requests waited %3 for their new thread to start.</source>
        <translation>%2 件中 %1 件のリクエストが、自分用の新しいスレッドの起動を %3 待ちました。</translation>
    </message>
    <message>
        <source>%1 of %2 requests waited %3 for the event loop to start them.</source>
        <translation>%2 件中 %1 件のリクエストが、イベントループに開始されるまで %3 待ちました。</translation>
    </message>
    <message>
        <source>At most %1 requests were in progress at once although %2 were sent, in %3 waves: a cap in the client held the rest back.</source>
        <translation>%2 件が送られたのに、同時に処理中だったのは最大 %1 件で、%3 回の波に分かれました: クライアント側の上限が残りを止めていました。</translation>
    </message>
    <message>
        <source>Likely aiohttp&apos;s default connector, which opens at most %1 connections (httpx&apos;s default limit is %1 too).</source>
        <translation>おそらく aiohttp の既定のコネクタで、接続は最大 %1 本までです（httpx の既定の上限も %1 です）。</translation>
    </message>
    <message>
        <source>Likely a browser&apos;s or Qt&apos;s limit of %1 connections per host.</source>
        <translation>おそらくブラウザーや Qt の「1 ホストあたり %1 接続」の上限です。</translation>
    </message>
    <message>
        <source>At most %1 requests were in progress at once although %2 were sent, each of the rest only after another ended: a cap in the client held them back.</source>
        <translation>%2 件が送られたのに、同時に処理中だったのは最大 %1 件で、残りは別のリクエストが終わってから届きました: クライアント側の上限が止めていました。</translation>
    </message>
    <message>
        <source>The recording names no connection for its requests (%1 did not write HAR&apos;s optional &quot;connection&quot; field), so there are no connection lanes.</source>
        <translation>記録にはリクエストごとのコネクションが書かれていないため（%1 は HAR の任意項目 &quot;connection&quot; を出力していません）、コネクションごとのレーンはありません。</translation>
    </message>
    <message>
        <source>its producer</source>
        <translation>作成元ツール</translation>
    </message>
    <message>
        <source>The recording&apos;s &quot;connection&quot; field holds the server&apos;s port, not which connection carried a request (as Firefox writes it), so there are no connection lanes.</source>
        <translation>記録の &quot;connection&quot; 項目はどのコネクションでリクエストを運んだかではなくサーバーのポート番号です（Firefox の書き方）。そのためコネクションごとのレーンはありません。</translation>
    </message>
    <message>
        <source>The server&apos;s queue and its work are drawn as one wait: the recording has no Server-Timing header to tell them apart.</source>
        <translation>サーバーのキュー待ちと処理は 1 つの待ちとして描いています: 記録に両者を区別する Server-Timing ヘッダーがありません。</translation>
    </message>
    <message>
        <source>The recording has no blocked times: how long requests waited in the client for a connection is unknown.</source>
        <translation>記録に blocked 時間がありません: リクエストがクライアント側でコネクションを何秒待ったかは不明です。</translation>
    </message>
    <message>
        <source>TLS time is drawn as part of connecting: this producer counts it after connect, not inside it as HAR 1.2 says.</source>
        <translation>TLS の時間は接続の一部として描いています: この作成元ツールは HAR 1.2 の規定どおり connect に含めず、connect の後に数えています。</translation>
    </message>
    <message>
        <source>Never more than %1 requests to %2 in flight at once while %3 of %4 waited in the browser: browsers open at most %5 connections per host.</source>
        <translation>%4 件中 %3 件がブラウザー内で待っていたのに、%2 への同時通信は最大 %1 件でした: ブラウザーは 1 ホストあたり最大 %5 本しか接続を開きません。</translation>
    </message>
    <message>
        <source>aiohttp&apos;s connector allows %1 connections: %2 of %3 requests waited %4 for one.</source>
        <translation>aiohttp のコネクタが開けるコネクションは %1 本までです: %3 件中 %2 件のリクエストがコネクションを %4 待ちました。</translation>
    </message>
    <message>
        <source>The connection pool holds %1 connections: %2 of %3 requests waited %4 for one.</source>
        <translation>コネクションプールのコネクションは %1 本です: %3 件中 %2 件のリクエストがコネクションを %4 待ちました。</translation>
    </message>
    <message>
        <source>%1 requests timed out after %2.</source>
        <translation>%1 件のリクエストが %2 でタイムアウトしました。</translation>
    </message>
    <message>
        <source>%1 requests timed out after %2; %3 of them waited the whole time for a connection and never reached the server.</source>
        <translation>%1 件のリクエストが %2 でタイムアウトしました。そのうち %3 件はその間ずっとコネクションを待ち続け、サーバーに一度も届きませんでした。</translation>
    </message>
    <message>
        <source>The server kept working for %1 in total on %2 requests the client had given up on; %3 later requests queued behind that work.</source>
        <translation>クライアントが諦めた %2 件のリクエストのために、サーバーは合計 %1 働き続けました。後から来た %3 件のリクエストがその仕事の後ろで待たされました。</translation>
    </message>
    <message>
        <source>The server kept working for %1 in total on %2 requests the client had given up on.</source>
        <translation>クライアントが諦めた %2 件のリクエストのために、サーバーは合計 %1 働き続けました。</translation>
    </message>
</context>
<context>
    <name>LaneGrouping</name>
    <message>
        <source>by request</source>
        <translation>リクエストごと</translation>
    </message>
    <message>
        <source>by client thread</source>
        <translation>クライアントのスレッドごと</translation>
    </message>
    <message>
        <source>by process</source>
        <translation>プロセスごと</translation>
    </message>
    <message>
        <source>by server worker</source>
        <translation>サーバーワーカーごと</translation>
    </message>
    <message>
        <source>by connection</source>
        <translation>コネクションごと</translation>
    </message>
    <message>
        <source>by client process</source>
        <translation>クライアントのプロセスごと</translation>
    </message>
    <message>
        <source>by service</source>
        <translation>サービスごと</translation>
    </message>
    <message>
        <source>by host</source>
        <translation>ホストごと</translation>
    </message>
    <message>
        <source>by trace</source>
        <translation>トレースごと</translation>
    </message>
    <message>
        <source>by asyncio task</source>
        <translation>asyncio タスクごと</translation>
    </message>
</context>
<context>
    <name>RunOutcome</name>
    <message>
        <source>running: %1 of %2 ended</source>
        <translation>実行中: %2 件中 %1 件が終了</translation>
    </message>
    <message>
        <source>%1 of %2 failed: %3</source>
        <translation>%2 件中 %1 件が失敗: %3</translation>
    </message>
    <message>
        <source>stopped after %1: %2 of %3 had finished, %4 failed</source>
        <translation>%1 で停止: %3 件中 %2 件が終わっていました、%4 件が失敗</translation>
    </message>
    <message>
        <source>stopped after %1: %2 of %3 had finished</source>
        <translation>%1 で停止: %3 件中 %2 件が終わっていました</translation>
    </message>
    <message>
        <source>complete: %1 of %2 ok</source>
        <translation>完了: %2 件中 %1 件が成功</translation>
    </message>
    <message>
        <source>not started: %1</source>
        <translation>開始できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>RunProblems</name>
    <message>
        <source>never finished</source>
        <translation>未完了</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>http error</source>
        <translation>HTTP エラー</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>タイムアウト</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>接続拒否</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>protocol error</source>
        <translation>プロトコルエラー</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>接続が拒否されました</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>接続中</translation>
    </message>
    <message>
        <source>sending the request</source>
        <translation>リクエスト送信中</translation>
    </message>
    <message>
        <source>waiting for the response</source>
        <translation>応答待ち</translation>
    </message>
    <message>
        <source>reading the response</source>
        <translation>応答受信中</translation>
    </message>
    <message>
        <source>timed out after %1 ms while %2</source>
        <translation>%1 ms でタイムアウト（%2）</translation>
    </message>
    <message>
        <source>the server answered HTTP %1</source>
        <translation>サーバーが HTTP %1 を返しました</translation>
    </message>
    <message>
        <source> (and 1 other reason)</source>
        <translation>（ほかに 1 種類の理由）</translation>
    </message>
    <message>
        <source> (and %1 other reasons)</source>
        <translation>（ほかに %1 種類の理由）</translation>
    </message>
    <message>
        <source>%1 of %2 requests failed: %3</source>
        <translation>%2 件中 %1 件のリクエストが失敗: %3</translation>
    </message>
</context>
<context>
    <name>SpanKind</name>
    <message>
        <source>connecting</source>
        <translation>接続中</translation>
    </message>
    <message>
        <source>in flight</source>
        <translation>通信中</translation>
    </message>
    <message>
        <source>queued in server</source>
        <translation>サーバーのキューで待機</translation>
    </message>
    <message>
        <source>server work</source>
        <translation>サーバー処理</translation>
    </message>
    <message>
        <source>receiving</source>
        <translation>受信中</translation>
    </message>
    <message>
        <source>process start-up</source>
        <translation>プロセス起動</translation>
    </message>
    <message>
        <source>abandoned server work</source>
        <translation>放棄されたサーバー処理</translation>
    </message>
    <message>
        <source>other client</source>
        <translation>他のクライアント</translation>
    </message>
    <message>
        <source>stopped run&apos;s leftover work</source>
        <translation>停止した実行の残り処理</translation>
    </message>
    <message>
        <source>waiting for the semaphore</source>
        <translation>セマフォ待ち</translation>
    </message>
    <message>
        <source>waiting for a pool thread</source>
        <translation>プールスレッド待ち</translation>
    </message>
    <message>
        <source>waiting for a worker process</source>
        <translation>ワーカープロセス待ち</translation>
    </message>
    <message>
        <source>waiting for a connection</source>
        <translation>コネクション待ち</translation>
    </message>
    <message>
        <source>waiting for its thread to start</source>
        <translation>スレッドの起動待ち</translation>
    </message>
    <message>
        <source>waiting for the event loop</source>
        <translation>イベントループ待ち</translation>
    </message>
    <message>
        <source>waiting in the client</source>
        <translation>クライアント内で待機</translation>
    </message>
</context>
<context>
    <name>Speedup</name>
    <message>
        <source>same as %1</source>
        <translation>%1 と同じ</translation>
    </message>
    <message>
        <source>%1× faster than %2</source>
        <translation>%2 の %1 倍速い</translation>
    </message>
    <message>
        <source>%1× slower than %2</source>
        <translation>%2 の %1 倍遅い</translation>
    </message>
</context>
<context>
    <name>Strategy</name>
    <message>
        <source>Async, all at once</source>
        <translation>非同期・一斉実行</translation>
    </message>
    <message>
        <source>One event loop, non-blocking sockets, every request in flight at once.</source>
        <translation>イベントループ 1 つとノンブロッキングソケットで、全リクエストを同時に送ります。</translation>
    </message>
    <message>
        <source>Async + semaphore</source>
        <translation>非同期 + セマフォ</translation>
    </message>
    <message>
        <source>One event loop, at most `limit` requests in flight.</source>
        <translation>イベントループ 1 つで、同時に通信するのは最大 `limit` 件。</translation>
    </message>
    <message>
        <source>Coroutines with co_await</source>
        <translation>co_await によるコルーチン</translation>
    </message>
    <message>
        <source>C++20 co_await with QCoro: fetch() per request, gather() them all, at most `limit` at once.</source>
        <translation>QCoro による C++20 の co_await: リクエストごとに fetch()、gather() でまとめて待ち、同時に最大 `limit` 件。</translation>
    </message>
    <message>
        <source>Worker processes</source>
        <translation>ワーカープロセス</translation>
    </message>
    <message>
        <source>A pool of `limit` OS processes, one request each at a time; starting them costs time before the first request goes out.</source>
        <translation>`limit` 個の OS プロセスのプールで、各プロセスが一度に 1 リクエスト。起動に時間がかかり、その間は最初のリクエストも出ません。</translation>
    </message>
    <message>
        <source>Qt QNetworkAccessManager</source>
        <translation>Qt の QNetworkAccessManager</translation>
    </message>
    <message>
        <source>Qt&apos;s default client, all at once: watch it cap itself at 6 connections per host.</source>
        <translation>Qt 標準のクライアントで一斉実行: 1 ホストあたり 6 接続で頭打ちになる様子を見てください。</translation>
    </message>
    <message>
        <source>Sequential</source>
        <translation>逐次実行</translation>
    </message>
    <message>
        <source>One blocking request after another, on one thread.</source>
        <translation>1 つのスレッドで、ブロッキングなリクエストを 1 件ずつ順に。</translation>
    </message>
    <message>
        <source>Thread pool</source>
        <translation>スレッドプール</translation>
    </message>
    <message>
        <source>A pool of `limit` threads works through the requests; the rest queue for a thread.</source>
        <translation>`limit` 本のスレッドのプールがリクエストを処理し、残りはスレッドの空きを待ちます。</translation>
    </message>
    <message>
        <source>Thread per request</source>
        <translation>リクエストごとにスレッド</translation>
    </message>
    <message>
        <source>A new OS thread for every request, all started at once, then joined.</source>
        <translation>リクエストごとに新しい OS スレッドを一斉に起動し、最後に join します。</translation>
    </message>
    <message>
        <source>OpenTelemetry traces</source>
        <translation>OpenTelemetry トレース</translation>
    </message>
    <message>
        <source>HAR recording</source>
        <translation>HAR 記録</translation>
    </message>
</context>
<context>
    <name>TimelineLegend</name>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>thread / process start and end</source>
        <translation>スレッド／プロセスの開始と終了</translation>
    </message>
    <message>
        <source>stacked: in flight at once on one lane</source>
        <translation>積み重ね: 1 レーンで同時に通信中</translation>
    </message>
</context>
<context>
    <name>TracedProgram</name>
    <message>
        <source>no program to run</source>
        <translation>実行するプログラムがありません</translation>
    </message>
    <message>
        <source>python3 -c cannot be traced: give a script or -m</source>
        <translation>python3 -c はトレースできません。スクリプトか -m を指定してください</translation>
    </message>
    <message>
        <source>%1 needs a script to run</source>
        <translation>%1 には実行するスクリプトが必要です</translation>
    </message>
    <message>
        <source>-m needs a module name</source>
        <translation>-m にはモジュール名が必要です</translation>
    </message>
    <message>
        <source>ended by signal %1</source>
        <translation>シグナル %1 で終了しました</translation>
    </message>
    <message>
        <source>exited with status %1</source>
        <translation>終了コード %1 で終了しました</translation>
    </message>
</context>
<context>
    <name>WatchController</name>
    <message>
        <source>a program is still running</source>
        <translation>まだプログラムが実行中です</translation>
    </message>
    <message>
        <source>the watch server is not running</source>
        <translation>ウォッチ用サーバーが動いていません</translation>
    </message>
</context>
<context>
    <name>WatchLanes</name>
    <message>
        <source>unknown process</source>
        <translation>不明なプロセス</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>PID %1</translation>
    </message>
    <message>
        <source>pid %1: %2</source>
        <translation>PID %1: %2</translation>
    </message>
    <message>
        <source>outside asyncio tasks</source>
        <translation>asyncio タスク外</translation>
    </message>
</context>
<context>
    <name>reqlanes::CodePane</name>
    <message>
        <source>C++ (what reqlanes runs)</source>
        <translation>C++（reqlanes が実行するコード）</translation>
    </message>
    <message>
        <source>Python (the same idea)</source>
        <translation>Python（同じ考え方）</translation>
    </message>
    <message>
        <source>%1 not started</source>
        <translation>%1 未開始</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation>%1 待機中</translation>
    </message>
    <message>
        <source>%1 connecting</source>
        <translation>%1 接続中</translation>
    </message>
    <message>
        <source>%1 in flight</source>
        <translation>%1 通信中</translation>
    </message>
    <message>
        <source>%1 reading</source>
        <translation>%1 受信中</translation>
    </message>
    <message>
        <source>%1 done</source>
        <translation>%1 完了</translation>
    </message>
    <message>
        <source>No strategy ran this session, so there is no code to show. Use File → Show source… to open your own program.</source>
        <translation>このセッションではまだ戦略を実行していないため、表示するコードがありません。自分のプログラムを開くには ファイル → ソースを表示… を使ってください。</translation>
    </message>
    <message>
        <source>No C++ code for %1: %2</source>
        <translation>%1 の C++ コードがありません: %2</translation>
    </message>
    <message>
        <source>No Python code for %1: %2</source>
        <translation>%1 の Python コードがありません: %2</translation>
    </message>
    <message>
        <source>The numbers on the right count the requests on each line.</source>
        <translation>右側の数字は、各行にいるリクエストの数です。</translation>
    </message>
    <message>
        <source>the file is larger than %1 KiB</source>
        <translation>ファイルが %1 KiB を超えています</translation>
    </message>
    <message>
        <source>%1 is your own file: reqlanes cannot tell which of its lines each request is on, so no lines are highlighted.</source>
        <translation>%1 はあなたのファイルです。各リクエストがどの行にいるか reqlanes には分からないため、行はハイライトしません。</translation>
    </message>
</context>
<context>
    <name>reqlanes::ComparePlot</name>
    <message>
        <source>: failed (%1)</source>
        <translation>: 失敗（%1）</translation>
    </message>
    <message>
        <source>: running…</source>
        <translation>: 実行中…</translation>
    </message>
    <message>
        <source>Compare strategies</source>
        <translation>戦略の比較</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>時間（秒）</translation>
    </message>
    <message>
        <source>Press &quot;Compare&quot; to run the chosen strategies with these settings.</source>
        <translation>「比較」を押すと、選んだ戦略をこの設定で実行します。</translation>
    </message>
    <message>
        <source>Compare strategies (requests share rows to fit)</source>
        <translation>戦略の比較（収まるようにリクエストが行を共有）</translation>
    </message>
    <message>
        <source>Session %1</source>
        <translation>セッション %1</translation>
    </message>
    <message>
        <source>unknown client</source>
        <translation>不明なクライアント</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 ほか %2 件</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Compare sessions (requests share rows to fit)</source>
        <translation>セッションの比較（収まるようにリクエストが行を共有）</translation>
    </message>
    <message>
        <source>Compare sessions</source>
        <translation>セッションの比較</translation>
    </message>
    <message>
        <source>: not started (%1)</source>
        <translation>: 開始できませんでした（%1）</translation>
    </message>
</context>
<context>
    <name>reqlanes::CompareView</name>
    <message>
        <source>The chosen strategies, the same settings, one time axis.</source>
        <translation>選んだ戦略を、同じ設定・同じ時間軸で。</translation>
    </message>
    <message>
        <source>Choose at least one strategy to compare.</source>
        <translation>比較する戦略を 1 つ以上選んでください。</translation>
    </message>
    <message>
        <source>Comparing: running %1 (%2 of %3)…</source>
        <translation>比較中: %1 を実行中（%3 件中 %2 件目）…</translation>
    </message>
    <message numerus="yes">
        <source>Compared %n strategies.</source>
        <translation>
            <numerusform>%n 個の戦略を比較しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing one run.</source>
        <translation>1 件の実行を表示しています。</translation>
    </message>
    <message>
        <source>Comparing %1 runs on one time axis.</source>
        <translation>%1 件の実行を同じ時間軸で比較しています。</translation>
    </message>
</context>
<context>
    <name>reqlanes::ConcurrencyRect</name>
    <message>
        <source>time (s)</source>
        <translation>時間（秒）</translation>
    </message>
    <message>
        <source>at once</source>
        <translation>同時数</translation>
    </message>
    <message>
        <source>requests in flight</source>
        <translation>通信中のリクエスト</translation>
    </message>
    <message>
        <source>busy server workers</source>
        <translation>処理中のサーバーワーカー</translation>
    </message>
    <message>
        <source>client limit</source>
        <translation>クライアントの上限</translation>
    </message>
    <message>
        <source>server workers</source>
        <translation>サーバーワーカー数</translation>
    </message>
</context>
<context>
    <name>reqlanes::ControlsPanel</name>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>embedded slow server</source>
        <translation>内蔵の遅いサーバー</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Live re-run when a setting changes</source>
        <translation>設定を変えたらすぐ再実行</translation>
    </message>
    <message>
        <source>sync workers</source>
        <translation>同期ワーカー</translation>
    </message>
    <message>
        <source>async</source>
        <translation>非同期</translation>
    </message>
    <message>
        <source>sync: each worker serves one request at a time; async: all requests overlap</source>
        <translation>同期: 各ワーカーが一度に 1 リクエストを処理。非同期: 全リクエストが重なって進む</translation>
    </message>
    <message>
        <source>http://127.0.0.1:8080/</source>
        <translation>http://127.0.0.1:8080/</translation>
    </message>
    <message>
        <source>Semaphore / pool size, for the strategies that use one</source>
        <translation>セマフォ／プールのサイズ（それを使う戦略のみ）</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>クライアント</translation>
    </message>
    <message>
        <source>Requests (N)</source>
        <translation>リクエスト数（N）</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>タイムアウト</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>ワーカー数</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>レイテンシ</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>ゆらぎ</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>モード</translation>
    </message>
</context>
<context>
    <name>reqlanes::ExportDialog</name>
    <message>
        <source>Export image</source>
        <translation>画像を書き出す</translation>
    </message>
    <message>
        <source>1920 × 1080 (slide, Full HD)</source>
        <translation>1920 × 1080（スライド、フル HD）</translation>
    </message>
    <message>
        <source>1280 × 720 (slide, HD)</source>
        <translation>1280 × 720（スライド、HD）</translation>
    </message>
    <message>
        <source>PNG only: more pixels for the same layout</source>
        <translation>PNG のみ: 同じレイアウトでピクセル数を増やします</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>PNG scale</source>
        <translation>PNG の倍率</translation>
    </message>
    <message>
        <source>File (.png, .svg, .pdf)</source>
        <translation>ファイル（.png, .svg, .pdf）</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 画像 (*.png);;SVG 図 (*.svg);;PDF 文書 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>reqlanes::KeysDialog</name>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>動作</translation>
    </message>
    <message>
        <source> or </source>
        <translation> または </translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>View</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Presenter mode</source>
        <translation>プレゼンターモード</translation>
    </message>
    <message>
        <source>only in presenter mode</source>
        <translation>プレゼンターモードのときだけ</translation>
    </message>
    <message>
        <source>anywhere in the window</source>
        <translation>ウィンドウのどこでも</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>使える場所</translation>
    </message>
</context>
<context>
    <name>reqlanes::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system (%1)</source>
        <translation>システムの設定に従う（%1）</translation>
    </message>
    <message>
        <source>%1 will be used from the next start of reqlanes.</source>
        <translation>reqlanes の次回起動時から%1で表示します。</translation>
    </message>
</context>
<context>
    <name>reqlanes::MainWindow</name>
    <message>
        <source>Strategy (click to run, keys %1)</source>
        <translation>戦略（クリックで実行、キー %1）</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>観察</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Lanes: %1</source>
        <translation>レーン: %1</translation>
    </message>
    <message>
        <source>%v / %m done</source>
        <translation>%v / %m 完了</translation>
    </message>
    <message>
        <source>%1 / %1 done</source>
        <translation>%1 / %1 完了</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Run the selected strategy, or stop the run (Space)</source>
        <translation>選んだ戦略を実行、または実行を停止（Space）</translation>
    </message>
    <message>
        <source>Slides theme</source>
        <translation>スライド用テーマ</translation>
    </message>
    <message>
        <source>Code pane</source>
        <translation>コード表示</translation>
    </message>
    <message>
        <source>Caption (what the run shows)</source>
        <translation>キャプション（実行から分かること）</translation>
    </message>
    <message>
        <source>Whole run</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Run strategy %1 of the list</source>
        <translation>一覧の %1 番目の戦略を実行</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open run…</source>
        <translation>実行結果を開く(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save run…</source>
        <translation>実行結果を保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Export &amp;image (PNG, SVG, PDF)…</source>
        <translation>画像を書き出す(&amp;I)（PNG, SVG, PDF）…</translation>
    </message>
    <message>
        <source>&amp;Copy image</source>
        <translation>画像をコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Export %1…</source>
        <translation>%1 を書き出す…</translation>
    </message>
    <message>
        <source>Show &amp;source…</source>
        <translation>ソースを表示(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>実行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Show the &amp;whole run</source>
        <translation>実行全体を表示(&amp;W)</translation>
    </message>
    <message>
        <source>Custom caption…</source>
        <translation>キャプションを入力…</translation>
    </message>
    <message>
        <source>Step through (presenter mode)</source>
        <translation>ステップ実行（プレゼンターモード）</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keys…</source>
        <translation>キー一覧(&amp;K)…</translation>
    </message>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>%1 を実行できません: %2</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>停止中…</translation>
    </message>
    <message>
        <source>Running %1: %2 of %3 done, %4</source>
        <translation>%1 を実行中: %3 件中 %2 件完了、%4</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2。</translation>
    </message>
    <message>
        <source>Show source</source>
        <translation>ソースを表示</translation>
    </message>
    <message>
        <source>Source code (*.py *.cpp *.cc *.h *.hpp);;All files (*)</source>
        <translation>ソースコード (*.py *.cpp *.cc *.h *.hpp);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Could not show %1: %2</source>
        <translation>%1 を表示できません: %2</translation>
    </message>
    <message>
        <source>Custom caption</source>
        <translation>キャプションの入力</translation>
    </message>
    <message>
        <source>Your own caption under the timeline. Leave it empty to show what the run shows.</source>
        <translation>タイムラインの下に出す自分のキャプション。空にすると、実行から分かることを表示します。</translation>
    </message>
    <message>
        <source>Watching %1: %2 requests, %3 finished, %4</source>
        <translation>%1 を観察中: リクエスト %2 件、完了 %3 件、%4</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 を開きました</translation>
    </message>
    <message>
        <source>Open run</source>
        <translation>実行結果を開く</translation>
    </message>
    <message>
        <source>Could not open the run: %1</source>
        <translation>実行結果を開けません: %1</translation>
    </message>
    <message>
        <source>Could not open the run</source>
        <translation>実行結果を開けません</translation>
    </message>
    <message>
        <source>Save run</source>
        <translation>実行結果を保存</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 を保存しました</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 を保存できません: %2</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 を書き出す</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 を書き出しました</translation>
    </message>
    <message>
        <source>Could not export %1: %2</source>
        <translation>%1 を書き出せません: %2</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>書き出せません: %1</translation>
    </message>
    <message>
        <source>Copied the picture to the clipboard.</source>
        <translation>画像をクリップボードにコピーしました。</translation>
    </message>
    <message>
        <source>%1 finished: %2</source>
        <translation>%1 完了: %2</translation>
    </message>
    <message>
        <source>Running %1: all %2 requests ended; the server still works on %3 of them (abandoned work), %4</source>
        <translation>%1 を実行中: %2 件のリクエストはすべて終了、サーバーはまだ %3 件を処理中（放棄されたサーバー処理）、%4</translation>
    </message>
    <message>
        <source>Stopped %1: the server still works on %2 of its requests (abandoned work), %3; drawn until they end. Space runs again, Run → Stop leaves now.</source>
        <translation>%1 を停止: サーバーはそのリクエスト %2 件をまだ処理中（放棄されたサーバー処理）、%3。終わるまで描きます。Space で再実行、実行 → 停止 ですぐに終えます。</translation>
    </message>
    <message>
        <source>%m requests</source>
        <translation>リクエスト %m 件</translation>
    </message>
    <message>
        <source>Stop the run or the comparison in progress (Space)</source>
        <translation>実行中の実行または比較を止める（Space）</translation>
    </message>
    <message>
        <source>Run the chosen strategies with these settings (C)</source>
        <translation>選んだ戦略をこの設定で実行する（C）</translation>
    </message>
    <message>
        <source>Next lane grouping</source>
        <translation>次のレーンのまとめ方</translation>
    </message>
    <message>
        <source>Watch: start or stop recording other programs&apos; requests</source>
        <translation>ウォッチ: ほかのプログラムのリクエストの記録を開始／停止</translation>
    </message>
    <message>
        <source>&amp;About reqlanes</source>
        <translation>reqlanes について(&amp;A)</translation>
    </message>
    <message>
        <source>About reqlanes</source>
        <translation>reqlanes について</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;reqlanes %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;HTTP client concurrency strategies drawn as lanes over time, against a slow server.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;reqlanes %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;HTTP クライアントの並行処理戦略を、遅いサーバーに対するレーンとして時間軸上に描きます。&lt;/p&gt;&lt;p&gt;Qt %2 でビルド。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Watching %1 — run your client</source>
        <translation>%1 をウォッチ中 — クライアントを実行してください</translation>
    </message>
    <message>
        <source>No run yet: pick a strategy (keys %1) or press Space.</source>
        <translation>まだ実行していません: 戦略を選ぶ（キー %1）か、Space を押してください。</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 を開いています…</translation>
    </message>
    <message>
        <source>Run a &amp;script…</source>
        <translation>スクリプトを実行(&amp;S)…</translation>
    </message>
    <message>
        <source>Run one of the example scripts, or your own, against the watch server and draw it (Ctrl+R)</source>
        <translation>例のスクリプトか自分のスクリプトをウォッチ用サーバーに向けて実行し、描きます (Ctrl+R)</translation>
    </message>
    <message>
        <source>Run a script</source>
        <translation>スクリプトを実行</translation>
    </message>
    <message>
        <source>Could not start the script: %1</source>
        <translation>スクリプトを開始できませんでした: %1</translation>
    </message>
    <message>
        <source>Running the script; its session ends when it exits</source>
        <translation>スクリプトを実行中です。終了するとセッションも終わります</translation>
    </message>
    <message>
        <source>The script %1</source>
        <translation>スクリプトは%1</translation>
    </message>
    <message>
        <source>The script %1: %2</source>
        <translation>スクリプトは%1: %2</translation>
    </message>
    <message>
        <source>N=%1 needs about %2 open files at once (a client and a server socket per request in flight), but this system allows %3 (the hard limit, ulimit -Hn). Lower N, choose a strategy with a limit below %4, or raise the hard limit.</source>
        <translation>N=%1 には同時に約 %2 個のファイルディスクリプタが必要です（実行中のリクエストごとにクライアントとサーバーのソケットが 1 つずつ）が、このシステムで開けるのは %3 個までです（ハードリミット、ulimit -Hn）。N を減らすか、上限が %4 未満の戦略を選ぶか、ハードリミットを引き上げてください。</translation>
    </message>
</context>
<context>
    <name>reqlanes::PresenterMode</name>
    <message>
        <source>Presenter mode</source>
        <translation>プレゼンターモード</translation>
    </message>
    <message>
        <source>Full screen with large type, the code and the caption (F11 or F5)</source>
        <translation>大きな文字で全画面表示、コードとキャプション付き（F11 または F5）</translation>
    </message>
    <message>
        <source>Dark slides</source>
        <translation>ダークスライド</translation>
    </message>
    <message>
        <source>Next event (the next phase change of any request)</source>
        <translation>次のイベント（いずれかのリクエストの次のフェーズ変化）</translation>
    </message>
    <message>
        <source>Previous event</source>
        <translation>前のイベント</translation>
    </message>
    <message>
        <source>Replay faster</source>
        <translation>再生を速く</translation>
    </message>
    <message>
        <source>Replay slower</source>
        <translation>再生を遅く</translation>
    </message>
    <message>
        <source>Go to the start of the run</source>
        <translation>実行の先頭へ</translation>
    </message>
    <message>
        <source>Go to the end, or follow the live run again</source>
        <translation>末尾へ、または実行中の表示への追従を再開</translation>
    </message>
    <message>
        <source>Play or pause the replay</source>
        <translation>再生／一時停止</translation>
    </message>
    <message>
        <source>Leave presenter mode</source>
        <translation>プレゼンターモードを終了</translation>
    </message>
</context>
<context>
    <name>reqlanes::ReplayController</name>
    <message>
        <source>Replay speed ([ slower, ] faster)</source>
        <translation>再生速度（[ で遅く、] で速く）</translation>
    </message>
    <message>
        <source>Drag to see the run at any moment (, and . step)</source>
        <translation>ドラッグで任意の時点を表示（, と . でステップ）</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>再生</translation>
    </message>
    <message>
        <source>Replay keys: P play/pause · , and . step back/forward · [ and ] slower/faster</source>
        <translation>再生キー: P 再生／一時停止 · , と . で前後にステップ · [ と ] で遅く／速く</translation>
    </message>
    <message>
        <source>Replay: play or pause</source>
        <translation>再生: 再生／一時停止</translation>
    </message>
    <message>
        <source>Replay: step forward</source>
        <translation>再生: 1 ステップ進む</translation>
    </message>
    <message>
        <source>Replay: step back</source>
        <translation>再生: 1 ステップ戻る</translation>
    </message>
    <message>
        <source>Replay: faster</source>
        <translation>再生: 速く</translation>
    </message>
    <message>
        <source>Replay: slower</source>
        <translation>再生: 遅く</translation>
    </message>
</context>
<context>
    <name>reqlanes::RunFileLoader</name>
    <message>
        <source>Opening %1…</source>
        <translation>%1 を開いています…</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>開いています</translation>
    </message>
</context>
<context>
    <name>reqlanes::RunText</name>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>ok (HTTP %1)</source>
        <translation>成功（HTTP %1）</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
    <message>
        <source>N %1</source>
        <translation>N %1</translation>
    </message>
    <message>
        <source>limit %1</source>
        <translation>上限 %1</translation>
    </message>
    <message>
        <source>latency %1 ms</source>
        <translation>レイテンシ %1 ms</translation>
    </message>
    <message>
        <source>makespan %1</source>
        <translation>所要時間 %1</translation>
    </message>
    <message>
        <source>running: %1 elapsed</source>
        <translation>実行中: %1 経過</translation>
    </message>
    <message>
        <source> (ideal %1)</source>
        <translation>（理想 %1）</translation>
    </message>
    <message>
        <source>&lt;b&gt;request %1&lt;/b&gt; — %2</source>
        <translation>&lt;b&gt;リクエスト %1&lt;/b&gt; — %2</translation>
    </message>
    <message>
        <source>thread %1</source>
        <translation>スレッド %1</translation>
    </message>
    <message>
        <source>process %1</source>
        <translation>プロセス %1</translation>
    </message>
    <message>
        <source>server worker %1</source>
        <translation>サーバーワーカー %1</translation>
    </message>
    <message>
        <source>%1 (after the client gave up): %2 ms</source>
        <translation>%1（クライアントが諦めた後）: %2 ms</translation>
    </message>
    <message>
        <source>total: %1 ms (from %2 to %3 s)</source>
        <translation>合計: %1 ms（%2 秒から %3 秒）</translation>
    </message>
    <message>
        <source>request %1</source>
        <translation>リクエスト %1</translation>
    </message>
    <message>
        <source>worker %1</source>
        <translation>ワーカー %1</translation>
    </message>
    <message>
        <source>1 sync worker</source>
        <translation>同期ワーカー 1 個</translation>
    </message>
    <message>
        <source>%1 sync workers</source>
        <translation>同期ワーカー %1 個</translation>
    </message>
    <message>
        <source>connection %1 from %2</source>
        <translation>接続 %1（%2 から）</translation>
    </message>
    <message>
        <source>unknown process</source>
        <translation>不明なプロセス</translation>
    </message>
    <message>
        <source>unknown worker</source>
        <translation>不明なワーカー</translation>
    </message>
    <message>
        <source>conn %1</source>
        <translation>接続 %1</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>PID %1</translation>
    </message>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1（PID %2）</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>watch session %1 (live)</source>
        <translation>観察セッション %1（記録中）</translation>
    </message>
    <message>
        <source>watch session %1</source>
        <translation>観察セッション %1</translation>
    </message>
    <message>
        <source>unknown service</source>
        <translation>不明なサービス</translation>
    </message>
    <message>
        <source>unknown host</source>
        <translation>不明なホスト</translation>
    </message>
    <message>
        <source>untraced</source>
        <translation>トレースなし</translation>
    </message>
    <message>
        <source>trace %1</source>
        <translation>トレース %1</translation>
    </message>
    <message>
        <source>async server</source>
        <translation>非同期サーバー</translation>
    </message>
</context>
<context>
    <name>reqlanes::ScriptDialog</name>
    <message>
        <source>Run a script</source>
        <translation>スクリプトを実行</translation>
    </message>
    <message>
        <source>The script runs with the watch server&apos;s URL as its first argument. Python scripts are traced: their tasks, semaphores, connection pools and threads are recorded from the client side. The session ends when the script exits.</source>
        <translation>スクリプトはウォッチ用サーバーの URL を最初の引数として実行されます。Python スクリプトはトレースされ、タスク・セマフォ・コネクションプール・スレッドがクライアント側から記録されます。スクリプトが終了するとセッションも終わります。</translation>
    </message>
    <message>
        <source>Other script…</source>
        <translation>ほかのスクリプト…</translation>
    </message>
    <message>
        <source>e.g. 9 3</source>
        <translation>例: 9 3</translation>
    </message>
    <message>
        <source>What the script gets after the URL, as a shell would split it</source>
        <translation>URL の後にスクリプトへ渡す引数(シェルと同じように区切られます)</translation>
    </message>
    <message>
        <source>Arguments after the URL</source>
        <translation>URL の後の引数</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Python scripts (*.py);;All files (*)</source>
        <translation>Python スクリプト (*.py);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>reqlanes::ScriptedExport</name>
    <message>
        <source>running %1…</source>
        <translation>%1 を実行中…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>cannot export %1: %2</source>
        <translation>%1 を書き出せません: %2</translation>
    </message>
    <message>
        <source>wrote %1</source>
        <translation>%1 を書き出しました</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>the run did not finish in time; no screenshot</source>
        <translation>実行が時間内に終わらなかったため、スクリーンショットは撮りませんでした</translation>
    </message>
</context>
<context>
    <name>reqlanes::SlideExporter</name>
    <message>
        <source>reqlanes timeline</source>
        <translation>reqlanes タイムライン</translation>
    </message>
    <message>
        <source>export size %1x%2 at %3x is out of range</source>
        <translation>書き出しサイズ %1x%2（%3 倍）は範囲外です</translation>
    </message>
    <message>
        <source>rendering the export produced no data</source>
        <translation>書き出しの描画でデータが得られませんでした</translation>
    </message>
    <message>
        <source>cannot tell the format of &quot;%1&quot;: use .png, .svg or .pdf</source>
        <translation>&quot;%1&quot; の形式が分かりません: .png、.svg、.pdf のいずれかにしてください</translation>
    </message>
</context>
<context>
    <name>reqlanes::SnippetLibrary</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 を読めません: %2</translation>
    </message>
    <message>
        <source>no %1 snippet for %2</source>
        <translation>%2 の %1 コードがありません</translation>
    </message>
</context>
<context>
    <name>reqlanes::StatsPanel</name>
    <message>
        <source>Makespan</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>First request created to last one done</source>
        <translation>最初のリクエストの作成から最後のリクエストの完了まで</translation>
    </message>
    <message>
        <source>Ideal</source>
        <translation>理想</translation>
    </message>
    <message>
        <source>ceil(N / min(workers, client concurrency)) × latency</source>
        <translation>ceil(N / min(ワーカー数, クライアントの同時数)) × レイテンシ</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>スループット</translation>
    </message>
    <message>
        <source>Successful requests per second of makespan</source>
        <translation>所要時間 1 秒あたりの成功リクエスト数</translation>
    </message>
    <message>
        <source>Latency p50 / p95</source>
        <translation>レイテンシ p50 / p95</translation>
    </message>
    <message>
        <source>Created to done, successful requests</source>
        <translation>成功したリクエストの作成から完了まで</translation>
    </message>
    <message>
        <source>Peak in flight</source>
        <translation>最大同時通信数</translation>
    </message>
    <message>
        <source>Most requests on the wire at once (client side)</source>
        <translation>同時に通信中だったリクエストの最大数（クライアント側）</translation>
    </message>
    <message>
        <source>Mean slot wait</source>
        <translation>平均スロット待ち</translation>
    </message>
    <message>
        <source>Time spent waiting for a semaphore, pool thread or process</source>
        <translation>セマフォ、プールスレッド、プロセスの空きを待った時間</translation>
    </message>
    <message>
        <source>Mean server queue</source>
        <translation>平均サーバー待ち</translation>
    </message>
    <message>
        <source>Time spent accepted by the server but not yet served</source>
        <translation>サーバーに受け付けられてから処理が始まるまでの時間</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Succeeded / failed / cancelled</source>
        <translation>成功／失敗／キャンセル</translation>
    </message>
    <message>
        <source>Ran on</source>
        <translation>実行場所</translation>
    </message>
    <message>
        <source>Distinct OS threads and processes that ran requests</source>
        <translation>リクエストを実行した OS スレッドとプロセスの数</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>  (%1× ideal)</source>
        <translation>（理想の %1 倍）</translation>
    </message>
    <message>
        <source>  (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>running… %1</source>
        <translation>実行中… %1</translation>
    </message>
    <message>
        <source>unknown (external target)</source>
        <translation>不明（外部のサーバー）</translation>
    </message>
    <message>
        <source>%1 req/s</source>
        <translation>%1 req/s</translation>
    </message>
    <message>
        <source>%1 ok, %2 failed, %3 cancelled</source>
        <translation>成功 %1、失敗 %2、キャンセル %3</translation>
    </message>
    <message>
        <source>; %1 s abandoned server work (%2 requests)</source>
        <translation>。放棄されたサーバー処理 %1 秒（%2 件）</translation>
    </message>
    <message>
        <source>; %1 requests from other clients</source>
        <translation>。他のクライアントからのリクエスト %1 件</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>1 thread</source>
        <translation>スレッド 1 本</translation>
    </message>
    <message>
        <source>%1 threads</source>
        <translation>スレッド %1 本</translation>
    </message>
    <message>
        <source>1 process</source>
        <translation>プロセス 1 個</translation>
    </message>
    <message>
        <source>%1 processes</source>
        <translation>プロセス %1 個</translation>
    </message>
    <message>
        <source>; %1 requests of the stopped run still in the server</source>
        <translation>。停止した実行のリクエスト %1 件がまだサーバーで処理中</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未計測</translation>
    </message>
    <message>
        <source>0 ms (latency 0: not meaningful)</source>
        <translation>0 ms（レイテンシ 0 のため意味なし）</translation>
    </message>
    <message>
        <source>The server answers at once, so the ideal is 0 and no ratio to it means anything. Set a latency to compare.</source>
        <translation>サーバーが即座に応答するので理想は 0 になり、それとの比率には意味がありません。比較するにはレイテンシを設定してください。</translation>
    </message>
    <message>
        <source>The target&apos;s workers and latency are unknown, so no ideal can be computed.</source>
        <translation>対象サーバーのワーカー数とレイテンシが分からないため、理想は計算できません。</translation>
    </message>
    <message>
        <source>not applicable for a watch session</source>
        <translation>観察セッションには該当しません</translation>
    </message>
    <message>
        <source>Another program sent these requests: how many it meant to run at once is unknown, so there is no ideal to compare with.</source>
        <translation>これらのリクエストは別のプログラムが送ったもので、同時にいくつ実行するつもりだったかは分からないため、比べる理想がありません。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>The run&apos;s strategy is not one this build knows, so no ideal can be computed.</source>
        <translation>この実行の戦略はこのビルドにはないため、理想は計算できません。</translation>
    </message>
    <message>
        <source>%1 requests: %2 ok, %3 failed</source>
        <translation>リクエスト %1 件: 成功 %2、失敗 %3</translation>
    </message>
    <message>
        <source>, %1 in progress</source>
        <translation>、処理中 %1</translation>
    </message>
    <message>
        <source>, %1 still in progress when the session ended</source>
        <translation>、セッション終了時に処理中だったもの %1</translation>
    </message>
    <message>
        <source>No request succeeded: there is no latency to report.</source>
        <translation>成功したリクエストがないため、示せるレイテンシがありません。</translation>
    </message>
    <message>
        <source>No request has succeeded yet.</source>
        <translation>まだ成功したリクエストがありません。</translation>
    </message>
    <message>
        <source>The server cannot see what a client waited for before it sent a request.</source>
        <translation>クライアントがリクエストを送る前に何を待っていたかは、サーバーからは見えません。</translation>
    </message>
    <message>
        <source>No request reported when it got its slot.</source>
        <translation>スロットを得た時刻を報告したリクエストがありません。</translation>
    </message>
    <message>
        <source>The server reported no accept and handler start for any request (an external target without Server-Timing).</source>
        <translation>どのリクエストについても、サーバーから受け付けと処理開始の時刻が報告されていません（Server-Timing のない外部サーバー）。</translation>
    </message>
    <message>
        <source>No request reported the thread or process that ran it.</source>
        <translation>実行したスレッドやプロセスを報告したリクエストがありません。</translation>
    </message>
</context>
<context>
    <name>reqlanes::TimelinePlot</name>
    <message>
        <source>No run yet: pick a strategy (keys %1) or press Space.</source>
        <translation>まだ実行していません: 戦略を選ぶ（キー %1）か、Space を押してください。</translation>
    </message>
    <message>
        <source>%1 — replay %2 of %3</source>
        <translation>%1 — 再生 %2 / %3</translation>
    </message>
    <message>
        <source>ideal %1</source>
        <translation>理想 %1</translation>
    </message>
    <message>
        <source>The run failed: %1</source>
        <translation>実行に失敗しました: %1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>開始中…</translation>
    </message>
</context>
<context>
    <name>reqlanes::WatchPanel</name>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy the server&apos;s URL, to point any program at it</source>
        <translation>サーバーの URL をコピーして、任意のプログラムから使えるようにします</translation>
    </message>
    <message>
        <source>Watch other programs (W)</source>
        <translation>他のプログラムを観察（W）</translation>
    </message>
    <message>
        <source>Draw every request that reaches the server from another program, live. Sessions end after the idle gap.</source>
        <translation>他のプログラムからサーバーに届いたリクエストをすべてリアルタイムに描きます。一定時間何もなければセッションは終わります。</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Session ends after idle</source>
        <translation>アイドル後にセッション終了</translation>
    </message>
    <message>
        <source>End session now</source>
        <translation>セッションを今すぐ終了</translation>
    </message>
    <message>
        <source>Finished sessions: click one to show it</source>
        <translation>終わったセッション: クリックで表示</translation>
    </message>
    <message>
        <source>Server not running: %1</source>
        <translation>サーバーは停止中: %1</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>サーバー: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n request(s), %2 s</source>
        <translation>
            <numerusform>%1: リクエスト %n 件、%2 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n connection(s)</source>
        <translation>
            <numerusform>、コネクション %n 本</numerusform>
        </translation>
    </message>
    <message>
        <source>, dropped %1 over the cap</source>
        <translation>、上限超過で %1 件を破棄</translation>
    </message>
    <message>
        <source>Compare sessions</source>
        <translation>セッションの比較</translation>
    </message>
    <message>
        <source>Show the ticked sessions side by side on one time axis</source>
        <translation>チェックしたセッションを同じ時間軸に並べて表示</translation>
    </message>
    <message>
        <source>What the script prints</source>
        <translation>スクリプトの出力</translation>
    </message>
    <message>
        <source>Stop the script</source>
        <translation>スクリプトを停止</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>実行中: %1</translation>
    </message>
    <message>
        <source>The script %1</source>
        <translation>スクリプトは%1</translation>
    </message>
    <message>
        <source>Show the last strategy run first, next to the ticked sessions: a traced script beside the built-in strategy that does the same</source>
        <translation>直前の戦略の実行を先頭に、チェックしたセッションと並べて表示します: トレースしたスクリプトと、同じことをする組み込みの戦略を見比べられます</translation>
    </message>
    <message>
        <source>Next to the last run:
%1, N=%2</source>
        <translation>直前の実行と並べる:
%1、N=%2</translation>
    </message>
</context>
</TS>
