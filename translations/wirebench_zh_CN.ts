<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ClientLink</name>
    <message>
        <source>Disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>The first send opens a socket to the target.</source>
        <translation>第一次发送时会打开到目标的套接字。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Not connected: connect first.</source>
        <translation>未连接：请先连接。</translation>
    </message>
    <message>
        <source>No host was given: enter an address or a host name.</source>
        <translation>未指定主机：请输入地址或主机名。</translation>
    </message>
    <message>
        <source>Waiting for %1…</source>
        <translation>正在等待 %1…</translation>
    </message>
    <message>
        <source>%1 events were not shown: they came faster than the window could take them.</source>
        <translation>有 %1 个事件未显示：它们到达的速度超过了窗口的处理能力。</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>Disconnecting…</source>
        <translation>正在断开…</translation>
    </message>
</context>
<context>
    <name>ClientPane</name>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Client sessions</source>
        <translation>客户端会话</translation>
    </message>
    <message>
        <source>New client session</source>
        <translation>新建客户端会话</translation>
    </message>
    <message>
        <source>Open another client session in a new tab.</source>
        <translation>在新标签页中再打开一个客户端会话。</translation>
    </message>
</context>
<context>
    <name>ClientSessionWidget</name>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation>协议(&amp;P)：</translation>
    </message>
    <message>
        <source>Hos&amp;t:</source>
        <translation>主机(&amp;T):</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>Connect or disconnect</source>
        <translation>连接或断开</translation>
    </message>
    <message>
        <source>Local port:</source>
        <translation>本地端口：</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Session state</source>
        <translation>会话状态</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Address or host name</source>
        <translation>地址或主机名</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Local port</source>
        <translation>本地端口</translation>
    </message>
    <message>
        <source>The port to send from, bound before connecting.</source>
        <translation>发送所用的源端口，在连接前绑定。</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Dis&amp;connect</source>
        <translation>断开(&amp;C)</translation>
    </message>
    <message>
        <source>Se&amp;nd</source>
        <translation>发送(&amp;N)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the message (Ctrl+Return in the editor)</source>
        <translation>发送消息（在编辑框中按 Ctrl+Return）</translation>
    </message>
    <message>
        <source>Send to local &amp;echo</source>
        <translation>发送到本机回显(&amp;E)</translation>
    </message>
    <message>
        <source>Connect to the local TCP echo server</source>
        <translation>连接到本地 TCP 回显服务器</translation>
    </message>
    <message>
        <source>GET local &amp;web</source>
        <translation>GET 本地 Web(&amp;W)</translation>
    </message>
    <message>
        <source>Get the front page of the local web server</source>
        <translation>获取本地 Web 服务器的首页</translation>
    </message>
    <message>
        <source>Local UDP echo</source>
        <translation>本地 UDP 回显</translation>
    </message>
    <message>
        <source>Send datagrams to the local UDP echo server</source>
        <translation>向本地 UDP 回显服务器发送数据报</translation>
    </message>
    <message>
        <source>Start the server first.</source>
        <translation>请先启动服务器。</translation>
    </message>
    <message>
        <source>Connect to %1</source>
        <translation>连接到 %1</translation>
    </message>
    <message>
        <source>GET %1</source>
        <translation>GET %1</translation>
    </message>
    <message>
        <source>Send datagrams to %1</source>
        <translation>向 %1 发送数据报</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Run the servers without a window.</source>
        <translation>不打开窗口，只运行服务器。</translation>
    </message>
    <message>
        <source>Start the servers when the window opens.</source>
        <translation>窗口打开时启动服务器。</translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1).</source>
        <translation>监听地址（默认 127.0.0.1）。</translation>
    </message>
    <message>
        <source>Document root (default: the built-in demo site).</source>
        <translation>文档根目录（默认：内置演示网站）。</translation>
    </message>
    <message>
        <source>List directories that have no index.html.</source>
        <translation>列出没有 index.html 的目录内容。</translation>
    </message>
    <message>
        <source>Do not run the web server.</source>
        <translation>不运行 Web 服务器。</translation>
    </message>
    <message>
        <source>Do not run the TCP echo server.</source>
        <translation>不运行 TCP 回显服务器。</translation>
    </message>
    <message>
        <source>Do not run the UDP echo server.</source>
        <translation>不运行 UDP 回显服务器。</translation>
    </message>
    <message>
        <source>Do not log requests and traffic.</source>
        <translation>不记录请求和流量。</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>多余的参数：%1</translation>
    </message>
    <message>
        <source>--bind: &quot;%1&quot; is not an IP address.</source>
        <translation>--bind：“%1”不是 IP 地址。</translation>
    </message>
    <message>
        <source>--%1: &quot;%2&quot; is not a port number (0-65535).</source>
        <translation>--%1：“%2”不是端口号（0-65535）。</translation>
    </message>
    <message>
        <source>--%1: &quot;%2&quot; is not a number from %3 to %4.</source>
        <translation>--%1：“%2”不是 %3 到 %4 之间的数字。</translation>
    </message>
    <message>
        <source>Serve dot files and folders (.env, .git/); by default they are 404 and not listed. /.well-known/ is always served.</source>
        <translation>提供以点开头的文件和文件夹（.env、.git/）；默认返回 404 且不列出。/.well-known/ 始终提供。</translation>
    </message>
    <message>
        <source>Let the web server answer requests for this host name too (repeatable). Bound to loopback it answers only localhost names and IP addresses; bound elsewhere, giving names switches that check on.</source>
        <translation>让 Web 服务器也响应此主机名的请求（可重复）。绑定到环回地址时只响应 localhost 名称和 IP 地址；绑定到其他地址时，给出名称即启用此检查。</translation>
    </message>
    <message>
        <source>--rules: cannot read %1: %2.</source>
        <translation>--rules：无法读取 %1：%2。</translation>
    </message>
    <message>
        <source>--rules: %1: %2</source>
        <translation>--rules：%1：%2</translation>
    </message>
    <message>
        <source>Wirebench: a network workbench with a static web server, TCP/UDP echo servers and clients.
wirebench send tcp://HOST:PORT MESSAGE sends one message and prints the reply (see wirebench send --help).</source>
        <translation>Wirebench：网络调试工作台，包含静态 Web 服务器、TCP/UDP 回显服务器和客户端。
wirebench send tcp://HOST:PORT MESSAGE 发送一条消息并打印回复（参见 wirebench send --help）。</translation>
    </message>
    <message>
        <source>Web server port; 0 picks a free one (default %1).</source>
        <translation>Web 服务器端口；0 表示自动选择空闲端口（默认 %1）。</translation>
    </message>
    <message>
        <source>TCP echo port; 0 picks a free one (default %1).</source>
        <translation>TCP 回显端口；0 表示自动选择空闲端口（默认 %1）。</translation>
    </message>
    <message>
        <source>UDP echo port; 0 picks a free one (default %1).</source>
        <translation>UDP 回显端口；0 表示自动选择空闲端口（默认 %1）。</translation>
    </message>
    <message>
        <source>Close an idle keep-alive connection after this many seconds (default %1).</source>
        <translation>空闲的长连接（keep-alive）在这么多秒后关闭（默认 %1）。</translation>
    </message>
    <message>
        <source>Cut off a client whose request is not whole after this many seconds (default %1).</source>
        <translation>客户端在这么多秒内未发完整个请求则断开（默认 %1）。</translation>
    </message>
    <message>
        <source>Connections each TCP server holds at most (default %1).</source>
        <translation>每个 TCP 服务器最多保持的连接数（默认 %1）。</translation>
    </message>
    <message>
        <source>Close an echo connection that sends and reads nothing for this many seconds (default %1).</source>
        <translation>回显连接在这么多秒内既不发送也不读取时关闭（默认 %1）。</translation>
    </message>
    <message>
        <source>Echo connections one client address holds at most; loopback clients are exempt (default %1).</source>
        <translation>单个客户端地址最多可占用的回显连接数；环回客户端不受限（默认 %1）。</translation>
    </message>
    <message>
        <source>UDP echo peers tracked at once; beyond, the longest idle is forgotten (default %1).</source>
        <translation>同时跟踪的 UDP 回显对端数；超出时遗忘空闲最久的（默认 %1）。</translation>
    </message>
    <message>
        <source>Datagrams a second the UDP echo server answers per peer; 0 for no limit (default %1).</source>
        <translation>UDP 回显服务器每秒对每个对端应答的数据报数；0 表示不限（默认 %1）。</translation>
    </message>
    <message>
        <source>Exit with status 3 when stopping takes longer than this many seconds (default %1).</source>
        <translation>停止耗时超过这么多秒时以状态 3 退出（默认 %1）。</translation>
    </message>
    <message>
        <source>Run a server (repeatable): web:ADDR:PORT:ROOT, tcp:ADDR:PORT[:MODE], udp:ADDR:PORT[:MODE] (MODE echo, listen or rules) or relay:ADDR:PORT:UPSTREAMHOST:UPSTREAMPORT; an IPv6 ADDR in brackets. Given, the default servers run only when their port option is given too.</source>
        <translation>运行一个服务器（可重复）：web:ADDR:PORT:ROOT、tcp:ADDR:PORT[:MODE]、udp:ADDR:PORT[:MODE]（MODE 为 echo、listen 或 rules）或 relay:ADDR:PORT:UPSTREAMHOST:UPSTREAMPORT；IPv6 地址 ADDR 需加方括号。指定此选项后，默认服务器仅在同时给出其端口选项时才运行。</translation>
    </message>
    <message>
        <source>What the default TCP server (--echo-port) does: echo (default), listen (log only) or rules (answer by the --rules file).</source>
        <translation>默认 TCP 服务器（--echo-port）的工作方式：echo（回显，默认）、listen（仅记录）或 rules（按 --rules 文件应答）。</translation>
    </message>
    <message>
        <source>What the default UDP server (--udp-echo-port) does: echo (default), listen or rules.</source>
        <translation>默认 UDP 服务器（--udp-echo-port）的工作方式：echo（默认）、listen 或 rules。</translation>
    </message>
    <message>
        <source>Reply rules (a JSON file) for every TCP and UDP server in rules mode (--tcp-mode, --udp-mode, --serve tcp|udp:ADDR:PORT:rules).</source>
        <translation>规则模式下所有 TCP 和 UDP 服务器使用的应答规则（JSON 文件）（--tcp-mode、--udp-mode、--serve tcp|udp:ADDR:PORT:rules）。</translation>
    </message>
    <message>
        <source>--%1: &quot;%2&quot; is not a mode (echo, listen or rules).</source>
        <translation>--%1：“%2”不是有效模式（echo、listen 或 rules）。</translation>
    </message>
    <message>
        <source>Rules mode needs the rules: add --rules FILE.</source>
        <translation>规则模式需要规则：请添加 --rules FILE。</translation>
    </message>
</context>
<context>
    <name>ConnectionsModel</name>
    <message>
        <source>%1 → %2 (local)</source>
        <translation>%1 → %2（本机）</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>打开时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>持续时间</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>接收字节</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>发送字节</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Bytes received from the client</source>
        <translation>从客户端接收的字节数</translation>
    </message>
    <message>
        <source>Bytes sent to the client</source>
        <translation>发送给客户端的字节数</translation>
    </message>
    <message>
        <source>HTTP requests answered (web server only)</source>
        <translation>已应答的 HTTP 请求数（仅 Web 服务器）</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
</context>
<context>
    <name>ConnectionsPanel</name>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Connection summary</source>
        <translation>连接概况</translation>
    </message>
    <message>
        <source>Show closed connections</source>
        <translation>显示已关闭的连接</translation>
    </message>
    <message>
        <source>Keep closed connections in the table for a few seconds, greyed</source>
        <translation>已关闭的连接以灰色在表中保留几秒钟</translation>
    </message>
    <message>
        <source>Connection actions</source>
        <translation>连接操作</translation>
    </message>
    <message>
        <source>&amp;Close connection</source>
        <translation>关闭连接(&amp;C)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Send to this client…</source>
        <translation>发送到此客户端(&amp;S)…</translation>
    </message>
    <message>
        <source>Send…</source>
        <translation>发送…</translation>
    </message>
    <message>
        <source>Copy &amp;address</source>
        <translation>复制地址(&amp;A)</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>Show &amp;traffic in the log</source>
        <translation>在日志中显示流量(&amp;T)</translation>
    </message>
    <message>
        <source>Show traffic</source>
        <translation>显示流量</translation>
    </message>
    <message>
        <source>Close the selected connections (Delete)</source>
        <translation>关闭选中的连接（Delete）</translation>
    </message>
    <message>
        <source>Copy the client&apos;s address and port</source>
        <translation>复制客户端的地址和端口</translation>
    </message>
    <message>
        <source>Show this connection&apos;s traffic in the log</source>
        <translation>在流量日志中显示此连接的流量</translation>
    </message>
    <message>
        <source>Connections table</source>
        <translation>连接列表</translation>
    </message>
    <message>
        <source>%1 open, %2 total</source>
        <translation>%1 个打开，共 %2 个</translation>
    </message>
    <message>
        <source>Web connections carry HTTP: bytes can only be sent to echo clients.</source>
        <translation>Web 连接承载的是 HTTP：只能向回显客户端发送字节。</translation>
    </message>
    <message>
        <source>The connection is closed.</source>
        <translation>连接已关闭。</translation>
    </message>
    <message>
        <source>Send bytes from the server to this client</source>
        <translation>从服务器向此客户端发送字节</translation>
    </message>
    <message>
        <source>Show closed</source>
        <translation>显示已关闭</translation>
    </message>
</context>
<context>
    <name>FaultSetForm</name>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Hold every chunk for a time, plus or minus a random jitter.</source>
        <translation>每个数据块都延后一段时间，并加减一个随机抖动。</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>抖动</translation>
    </message>
    <message>
        <source> ms ±</source>
        <translation> 毫秒 ±</translation>
    </message>
    <message>
        <source>Bandwidth</source>
        <translation>带宽</translation>
    </message>
    <message>
        <source>Cap the rate (1 KB = 1000 bytes).</source>
        <translation>限制速率（1 KB = 1000 字节）。</translation>
    </message>
    <message>
        <source> KB/s</source>
        <translation> KB/s</translation>
    </message>
    <message>
        <source>Slicer</source>
        <translation>分片</translation>
    </message>
    <message>
        <source>Split the data into small segments with a delay between them.</source>
        <translation>把数据切成小段，段与段之间有延迟。</translation>
    </message>
    <message>
        <source>Average segment size</source>
        <translation>平均分段大小</translation>
    </message>
    <message>
        <source> B</source>
        <translation> B</translation>
    </message>
    <message>
        <source>Segment size variation</source>
        <translation>分段大小波动</translation>
    </message>
    <message>
        <source> B ±</source>
        <translation> B ±</translation>
    </message>
    <message>
        <source>Delay between segments</source>
        <translation>分段间延迟</translation>
    </message>
    <message>
        <source> µs</source>
        <translation> 微秒</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Stop all data, and close after the time (0: hold open).</source>
        <translation>停止传递所有数据，并在该时间后关闭（0：保持打开）。</translation>
    </message>
    <message>
        <source>Close after</source>
        <translation>关闭前等待</translation>
    </message>
    <message>
        <source>Limit data</source>
        <translation>限制数据量</translation>
    </message>
    <message>
        <source>Close the connection once this many bytes went through.</source>
        <translation>通过这么多字节后关闭连接。</translation>
    </message>
    <message>
        <source>Bytes through before closing</source>
        <translation>关闭前通过的字节数</translation>
    </message>
    <message>
        <source>Reset peer</source>
        <translation>重置对端</translation>
    </message>
    <message>
        <source>Send a TCP reset to the receiving side after the time.</source>
        <translation>在该时间后向接收方发送 TCP 重置（RST）。</translation>
    </message>
    <message>
        <source>Reset after</source>
        <translation>重置前等待</translation>
    </message>
    <message>
        <source>Slow close</source>
        <translation>延迟关闭</translation>
    </message>
    <message>
        <source>Pass an end of stream on only after the time.</source>
        <translation>在该时间后才转发流结束。</translation>
    </message>
    <message>
        <source>Close delay</source>
        <translation>关闭延迟</translation>
    </message>
</context>
<context>
    <name>FileTransferRow</name>
    <message>
        <source>Send file…</source>
        <translation>发送文件…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save received to…</source>
        <translation>接收数据保存到…</translation>
    </message>
    <message>
        <source>Send a file to the peer</source>
        <translation>向对端发送文件</translation>
    </message>
    <message>
        <source>File sending progress</source>
        <translation>文件发送进度</translation>
    </message>
    <message>
        <source>Cancel sending the file</source>
        <translation>取消发送文件</translation>
    </message>
    <message>
        <source>Save received data to a file</source>
        <translation>将接收的数据保存到文件</translation>
    </message>
    <message>
        <source>Appends every byte received from now on to a file.</source>
        <translation>将从现在起接收的每个字节追加到文件。</translation>
    </message>
    <message>
        <source>File that received data is saved to</source>
        <translation>接收数据所保存到的文件</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <source>Save received data to</source>
        <translation>接收数据保存到</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
</context>
<context>
    <name>HeadlessRunner</name>
    <message>
        <source>nothing to run: every server is switched off.</source>
        <translation>没有可运行的服务器：所有服务器都已关闭。</translation>
    </message>
</context>
<context>
    <name>HexInput</name>
    <message>
        <source>&apos;%1&apos; at position %2 is not a hex digit.</source>
        <translation>第 %2 个字符“%1”不是十六进制数字。</translation>
    </message>
    <message>
        <source>The group at position %1 has an odd number of hex digits.</source>
        <translation>从第 %1 个字符开始的一组十六进制数字位数为奇数。</translation>
    </message>
</context>
<context>
    <name>HttpClientForm</name>
    <message>
        <source>Me&amp;thod:</source>
        <translation>方法(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U)：</translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation>请求体(&amp;B)：</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>请求体</translation>
    </message>
    <message>
        <source>HTTP method</source>
        <translation>HTTP 方法</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Accept: text/html  (one &quot;Name: value&quot; per line)</source>
        <translation>Accept: text/html （每行一个“名称: 值”）</translation>
    </message>
    <message>
        <source>Sent as UTF-8; Ctrl+Return sends</source>
        <translation>以 UTF-8 发送；按 Ctrl+Return 发送</translation>
    </message>
    <message>
        <source>HTTP request problem</source>
        <translation>HTTP 请求有误</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an HTTP method: a method is one word, such as GET or POST.</source>
        <translation>“%1”不是 HTTP 方法：方法是一个单词，例如 GET 或 POST。</translation>
    </message>
    <message>
        <source>Enter a URL, such as http://127.0.0.1:8080/.</source>
        <translation>请输入 URL，例如 http://127.0.0.1:8080/。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http:// or https:// URL with a host.</source>
        <translation>“%1”不是带主机名的 http:// 或 https:// URL。</translation>
    </message>
    <message>
        <source>Hea&amp;ders:</source>
        <translation>请求头(&amp;D):</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Wirebench will use the new language the next time it starts.</source>
        <translation>Wirebench 将在下次启动时使用新的语言。</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Saved messages:</source>
        <translation>已保存的消息：</translation>
    </message>
    <message>
        <source>Send saved</source>
        <translation>发送已保存消息</translation>
    </message>
    <message>
        <source>Send the saved message</source>
        <translation>发送已保存的消息</translation>
    </message>
    <message>
        <source>Save current as…</source>
        <translation>当前消息另存为…</translation>
    </message>
    <message>
        <source>Save the message in the editor under a name</source>
        <translation>以一个名称保存编辑器中的消息</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Rename the saved message</source>
        <translation>重命名已保存的消息</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the saved message</source>
        <translation>删除已保存的消息</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Add saved messages from a JSON file</source>
        <translation>从 JSON 文件添加已保存的消息</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write the saved messages to a JSON file</source>
        <translation>将已保存的消息写入 JSON 文件</translation>
    </message>
    <message>
        <source>Saved messages</source>
        <translation>已保存的消息</translation>
    </message>
    <message>
        <source>Double-click a message to send it.</source>
        <translation>双击消息即可发送。</translation>
    </message>
    <message>
        <source>Library problem</source>
        <translation>消息库有误</translation>
    </message>
    <message>
        <source>Could not open %1: %2.</source>
        <translation>无法打开 %1：%2。</translation>
    </message>
    <message>
        <source>%1 is larger than 16 MiB: not a message library.</source>
        <translation>%1 大于 16 MiB：不是消息库。</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <source>Could not write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
    <message>
        <source>Save message</source>
        <translation>保存消息</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Rename message</source>
        <translation>重命名消息</translation>
    </message>
    <message>
        <source>Import messages</source>
        <translation>导入消息</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Export messages</source>
        <translation>导出消息</translation>
    </message>
</context>
<context>
    <name>LogDetailPane</name>
    <message>
        <source>Payload as hex</source>
        <translation>载荷（十六进制）</translation>
    </message>
    <message>
        <source>Payload as text</source>
        <translation>载荷（文本）</translation>
    </message>
    <message>
        <source>HTTP request and response heads</source>
        <translation>HTTP 请求头和响应头</translation>
    </message>
    <message>
        <source>Event details</source>
        <translation>事件详情</translation>
    </message>
    <message>
        <source>Select an HTTP exchange to see its request and response heads.</source>
        <translation>选择一条 HTTP 交互以查看其请求头和响应头。</translation>
    </message>
    <message>
        <source>Event detail views</source>
        <translation>事件详情视图</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <source>… the first %1 of %2 were kept</source>
        <translation>… 只保留了 %2 中的前 %1</translation>
    </message>
    <message>
        <source>Encodin&amp;g:</source>
        <translation>编码(&amp;G):</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Running servers</source>
        <translation>正在运行的服务器</translation>
    </message>
    <message>
        <source>Traffic totals</source>
        <translation>流量合计</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Servers</source>
        <translation>服务器(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Start all</source>
        <translation>全部启动(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top all</source>
        <translation>全部停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>日志(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Clear log</source>
        <translation>清除日志(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Wirebench</source>
        <translation>关于 Wirebench(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>No server running — press F5 to start them all</source>
        <translation>没有正在运行的服务器 — 按 F5 全部启动</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>运行中：%1</translation>
    </message>
    <message>
        <source>%1 open · in %2 · out %3 · </source>
        <translation>%1 个连接 · 接收 %2 · 发送 %3 · </translation>
    </message>
    <message>
        <source>request</source>
        <translation>个请求</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>个请求</translation>
    </message>
    <message>
        <source>About Wirebench</source>
        <translation>关于 Wirebench</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Wirebench %1&lt;/h3&gt;&lt;p&gt;A network workbench: a static web server, TCP and UDP echo servers, live connections, a traffic log and a client that speaks TCP, UDP and HTTP.&lt;/p&gt;&lt;p&gt;Servers listen on 127.0.0.1 unless you choose otherwise, and never serve files from outside their document root.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Wirebench %1&lt;/h3&gt;&lt;p&gt;网络调试工作台：静态 Web 服务器、TCP 和 UDP 回显服务器、实时连接列表、流量日志，以及支持 TCP、UDP 和 HTTP 的客户端。&lt;/p&gt;&lt;p&gt;除非另行选择，服务器只监听 127.0.0.1，并且绝不提供文档根目录之外的文件。&lt;/p&gt;&lt;p&gt;基于 Qt %2 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Exported %1 to %2</source>
        <translation>已导出 %1 到 %2</translation>
    </message>
    <message>
        <source>event</source>
        <translation>条事件</translation>
    </message>
    <message>
        <source>events</source>
        <translation>条事件</translation>
    </message>
    <message>
        <source>Client #%1 is closed: nothing was sent.</source>
        <translation>客户端 #%1 已关闭：未发送任何数据。</translation>
    </message>
    <message>
        <source>No client session is open: connect in the client pane first.</source>
        <translation>没有打开的客户端会话：请先在客户端面板中连接。</translation>
    </message>
</context>
<context>
    <name>MessageEditor</name>
    <message>
        <source>&amp;Message:</source>
        <translation>消息(&amp;M)：</translation>
    </message>
    <message>
        <source>Message to send</source>
        <translation>要发送的消息</translation>
    </message>
    <message>
        <source>Ctrl+Return sends; Up and Down recall sent messages</source>
        <translation>按 Ctrl+Return 发送；按上下方向键调出已发送的消息</translation>
    </message>
    <message>
        <source>Message mode</source>
        <translation>消息模式</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Line ending</source>
        <translation>行尾</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>LF (\n)</source>
        <translation>LF (\n)</translation>
    </message>
    <message>
        <source>CRLF (\r\n)</source>
        <translation>CRLF (\r\n)</translation>
    </message>
    <message>
        <source>Hex input problem</source>
        <translation>十六进制输入有误</translation>
    </message>
    <message>
        <source>Mo&amp;de:</source>
        <translation>模式(&amp;D):</translation>
    </message>
    <message>
        <source>L&amp;ine ending:</source>
        <translation>行尾(&amp;I):</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <source>How typed text becomes bytes; received text is read the same way.</source>
        <translation>输入的文本如何转换为字节；接收的文本也按同样方式解读。</translation>
    </message>
    <message>
        <source>Escapes</source>
        <translation>转义</translation>
    </message>
    <message>
        <source>Read backslash escapes</source>
        <translation>解析反斜杠转义</translation>
    </message>
    <message>
        <source>Read \r \n \t \0 \xHH as bytes; type \\ for a backslash.</source>
        <translation>将 \r \n \t \0 \xHH 解析为字节；输入 \\ 表示反斜杠。</translation>
    </message>
</context>
<context>
    <name>MessageLibrary</name>
    <message>
        <source>Message %1 needs a &quot;name&quot; and a &quot;text&quot;.</source>
        <translation>第 %1 条消息需要 “name” 和 “text”。</translation>
    </message>
    <message>
        <source>Message %1 (&quot;%2&quot;) has protocol &quot;%3&quot;: use &quot;tcp&quot; or &quot;udp&quot;.</source>
        <translation>第 %1 条消息（“%2”）的协议是 “%3”：请使用 “tcp” 或 “udp”。</translation>
    </message>
    <message>
        <source>Message %1 (&quot;%2&quot;) has mode &quot;%3&quot;: use &quot;text&quot; or &quot;hex&quot;.</source>
        <translation>第 %1 条消息（“%2”）的模式是 “%3”：请使用 “text” 或 “hex”。</translation>
    </message>
    <message>
        <source>This is not JSON: %1 at character %2.</source>
        <translation>这不是 JSON：第 %2 个字符处%1。</translation>
    </message>
    <message>
        <source>This is not a Wirebench message library: &quot;%1&quot; and &quot;messages&quot; are missing.</source>
        <translation>这不是 Wirebench 消息库：缺少 “%1” 和 “messages”。</translation>
    </message>
    <message>
        <source>This library was written by a newer Wirebench (format %1).</source>
        <translation>此消息库由更新版本的 Wirebench 写入（格式 %1）。</translation>
    </message>
</context>
<context>
    <name>MulticastRow</name>
    <message>
        <source>Multicast group:</source>
        <translation>组播组：</translation>
    </message>
    <message>
        <source>TTL:</source>
        <translation>TTL：</translation>
    </message>
    <message>
        <source>Loopback</source>
        <translation>环回</translation>
    </message>
    <message>
        <source>Multicast group to join</source>
        <translation>要加入的组播组</translation>
    </message>
    <message>
        <source>none, e.g. 239.1.2.3</source>
        <translation>无，例如 239.1.2.3</translation>
    </message>
    <message>
        <source>Interface to join the group on</source>
        <translation>加入组播组所用的网络接口</translation>
    </message>
    <message>
        <source>any interface</source>
        <translation>任意接口</translation>
    </message>
    <message>
        <source>Multicast TTL</source>
        <translation>组播 TTL</translation>
    </message>
    <message>
        <source>Receive our own multicast datagrams</source>
        <translation>接收本机发出的组播数据报</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address: enter a multicast group such as 239.1.2.3.</source>
        <translation>“%1”不是 IP 地址：请输入组播组，例如 239.1.2.3。</translation>
    </message>
</context>
<context>
    <name>Net::ClientHub</name>
    <message>
        <source>Client session %1 is already open.</source>
        <translation>客户端会话 %1 已经打开。</translation>
    </message>
    <message>
        <source>There is no client session %1: it was closed or never opened.</source>
        <translation>没有客户端会话 %1：它已关闭或从未打开。</translation>
    </message>
</context>
<context>
    <name>Net::ClientSession</name>
    <message>
        <source>Connecting to a host</source>
        <translation>连接主机</translation>
    </message>
    <message>
        <source>Sending raw bytes</source>
        <translation>发送原始字节</translation>
    </message>
    <message>
        <source>Sending an HTTP request</source>
        <translation>发送 HTTP 请求</translation>
    </message>
    <message>
        <source>%1 is not supported for this protocol (%2).</source>
        <translation>此协议（%2）不支持%1。</translation>
    </message>
    <message>
        <source>Disconnecting</source>
        <translation>断开连接</translation>
    </message>
    <message>
        <source>%1 is not an address of this machine: choose another local address.</source>
        <translation>%1 不是本机地址：请选择其他本地地址。</translation>
    </message>
    <message>
        <source>Could not use local port %1: %2.</source>
        <translation>无法使用本地端口 %1：%2。</translation>
    </message>
    <message>
        <source>Port %1 is in use: choose another local port, or 0 for any.</source>
        <translation>端口 %1 已被占用：请选择其他本地端口，或填 0 表示任意端口。</translation>
    </message>
    <message>
        <source>Sending a file</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <source>No file is being sent.</source>
        <translation>没有正在发送的文件。</translation>
    </message>
    <message>
        <source>Could not open %1 to save received data: %2.</source>
        <translation>无法打开 %1 来保存接收的数据：%2。</translation>
    </message>
    <message>
        <source>Saving received data to %1 stopped: %2.</source>
        <translation>接收数据保存到 %1 已停止：%2。</translation>
    </message>
</context>
<context>
    <name>Net::FileSender</name>
    <message>
        <source>Could not open %1: %2.</source>
        <translation>无法打开 %1：%2。</translation>
    </message>
    <message>
        <source>%1 is not a regular file: only files of a known size can be sent.</source>
        <translation>%1 不是普通文件：只能发送大小已知的文件。</translation>
    </message>
    <message>
        <source>Reading %1 failed after %2 bytes: %3.</source>
        <translation>读取 %1 在 %2 字节后失败：%3。</translation>
    </message>
    <message>
        <source>Sending %1 stopped after %2 of %3 bytes: %4.</source>
        <translation>发送 %1 在 %2 / %3 字节后停止：%4。</translation>
    </message>
</context>
<context>
    <name>Net::HttpClientSession</name>
    <message>
        <source>Not a valid http(s) URL.</source>
        <translation>不是有效的 http(s) URL。</translation>
    </message>
    <message>
        <source>Previous request cancelled.</source>
        <translation>上一个请求已取消。</translation>
    </message>
    <message>
        <source>%1 %2: %3 bytes in %4 ms</source>
        <translation>%1 %2：%3 字节，用时 %4 毫秒</translation>
    </message>
    <message>
        <source>Connection refused by %1: nothing is listening there.</source>
        <translation>%1 拒绝连接：该端口上没有程序在监听。</translation>
    </message>
    <message>
        <source>Host &quot;%1&quot; was not found.</source>
        <translation>找不到主机“%1”。</translation>
    </message>
    <message>
        <source>%1 sent nothing for %2 ms: the request timed out.</source>
        <translation>%1 在 %2 毫秒内没有发送任何数据：请求超时。</translation>
    </message>
    <message>
        <source>%1 closed the connection before the answer was complete.</source>
        <translation>%1 在响应完整之前关闭了连接。</translation>
    </message>
    <message>
        <source>The TLS handshake with %1 failed: %2.</source>
        <translation>与 %1 的 TLS 握手失败：%2。</translation>
    </message>
    <message>
        <source>The request to %1 failed: %2.</source>
        <translation>对 %1 的请求失败：%2。</translation>
    </message>
</context>
<context>
    <name>Net::HttpServer</name>
    <message>
        <source>No document root was given.</source>
        <translation>未指定文档根目录。</translation>
    </message>
    <message>
        <source>Document root %1 does not exist.</source>
        <translation>文档根目录 %1 不存在。</translation>
    </message>
    <message>
        <source>Document root %1 is not a folder.</source>
        <translation>文档根目录 %1 不是文件夹。</translation>
    </message>
    <message>
        <source>Document root %1 cannot be read (permission denied).</source>
        <translation>无法读取文档根目录 %1（权限不足）。</translation>
    </message>
    <message>
        <source>Document root %1 cannot be opened.</source>
        <translation>无法打开文档根目录 %1。</translation>
    </message>
</context>
<context>
    <name>Net::NetworkEngine</name>
    <message>
        <source>Connection #%1 is already closed.</source>
        <translation>连接 #%1 已经关闭。</translation>
    </message>
    <message>
        <source>Web connections carry HTTP: send raw bytes to echo connections instead.</source>
        <translation>Web 连接承载的是 HTTP：请改为向回显连接发送原始字节。</translation>
    </message>
    <message>
        <source>Connection #%1 is closed: nothing was sent.</source>
        <translation>连接 #%1 已关闭：未发送任何数据。</translation>
    </message>
    <message>
        <source>No %1 client is connected: nothing was sent.</source>
        <translation>没有已连接的 %1 客户端：未发送任何数据。</translation>
    </message>
    <message>
        <source>There is no server #%1: nothing was sent.</source>
        <translation>没有服务器 #%1：未发送任何数据。</translation>
    </message>
    <message>
        <source>%1 servers are not available in this build.</source>
        <translation>此版本不提供 %1 服务器。</translation>
    </message>
</context>
<context>
    <name>Net::RelayConnection</name>
    <message>
        <source>upstream</source>
        <translation>上游</translation>
    </message>
    <message>
        <source>downstream</source>
        <translation>下游</translation>
    </message>
    <message>
        <source>reset_peer fault: the upstream was reset</source>
        <translation>reset_peer 故障：上游已被重置</translation>
    </message>
    <message>
        <source>reset_peer fault: the client was reset</source>
        <translation>reset_peer 故障：客户端已被重置</translation>
    </message>
    <message>
        <source>timeout fault (%1): closed after %2 ms</source>
        <translation>timeout 故障（%1）：%2 毫秒后关闭</translation>
    </message>
    <message>
        <source>client: %1</source>
        <translation>客户端：%1</translation>
    </message>
    <message>
        <source>upstream: %1</source>
        <translation>上游：%1</translation>
    </message>
    <message>
        <source>closed by the upstream after the client</source>
        <translation>客户端关闭后上游也关闭</translation>
    </message>
    <message>
        <source>closed by the client after the upstream</source>
        <translation>上游关闭后客户端也关闭</translation>
    </message>
    <message>
        <source>limit_data fault (%1): closed after %2 bytes</source>
        <translation>limit_data 故障（%1）：%2 字节后关闭</translation>
    </message>
</context>
<context>
    <name>Net::RelayFaults</name>
    <message>
        <source>&quot;%1&quot; must be an object.</source>
        <translation>“%1”必须是对象。</translation>
    </message>
    <message>
        <source>%1.enabled must be true or false.</source>
        <translation>%1.enabled 必须是 true 或 false。</translation>
    </message>
    <message>
        <source>%1.%2 must be a whole number from 0 to %3.</source>
        <translation>%1.%2 必须是 0 到 %3 之间的整数。</translation>
    </message>
</context>
<context>
    <name>Net::RelayServer</name>
    <message>
        <source>Upstream &quot;%1&quot; is not an IP address (host names are not looked up).</source>
        <translation>上游“%1”不是 IP 地址（不解析主机名）。</translation>
    </message>
    <message>
        <source>The upstream needs a port from 1 to 65535.</source>
        <translation>上游需要 1 到 65535 之间的端口。</translation>
    </message>
</context>
<context>
    <name>Net::SocketAddress</name>
    <message>
        <source>Port %1 on %2 is already in use by another program.</source>
        <translation>%2 上的端口 %1 已被其他程序占用。</translation>
    </message>
    <message>
        <source>Permission denied for %1: ports below 1024 need administrator rights.</source>
        <translation>无权监听 %1：1024 以下的端口需要管理员权限。</translation>
    </message>
    <message>
        <source>Permission denied for %1.</source>
        <translation>无权监听 %1。</translation>
    </message>
    <message>
        <source>Address %1 is not available on this machine.</source>
        <translation>本机没有地址 %1。</translation>
    </message>
    <message>
        <source>Address %1 is not supported here (is IPv6 switched off?).</source>
        <translation>此处不支持地址 %1（是否禁用了 IPv6？）。</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2.</source>
        <translation>无法监听 %1：%2。</translation>
    </message>
</context>
<context>
    <name>Net::TcpClientSession</name>
    <message>
        <source>No host was given: enter an address or a host name.</source>
        <translation>未指定主机：请输入地址或主机名。</translation>
    </message>
    <message>
        <source>Port 0 cannot be connected to: choose a port from 1 to 65535.</source>
        <translation>无法连接到端口 0：请选择 1 到 65535 之间的端口。</translation>
    </message>
    <message>
        <source>Closed to connect again.</source>
        <translation>已关闭，以便重新连接。</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>正在解析 %1…</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接到 %1…</translation>
    </message>
    <message>
        <source>Not connected: connect first.</source>
        <translation>未连接：请先连接。</translation>
    </message>
    <message>
        <source>Could not send to %1: %2.</source>
        <translation>无法发送到 %1：%2。</translation>
    </message>
    <message>
        <source>Not connected: there is nothing to disconnect.</source>
        <translation>未连接：没有可断开的连接。</translation>
    </message>
    <message>
        <source>Closing the connection once the last %1 bytes are sent…</source>
        <translation>最后 %1 字节发送完毕后关闭连接…</translation>
    </message>
    <message>
        <source>Closing the connection…</source>
        <translation>正在关闭连接…</translation>
    </message>
    <message>
        <source>Connection attempt cancelled.</source>
        <translation>连接尝试已取消。</translation>
    </message>
    <message>
        <source>Connected to %1 from %2</source>
        <translation>已从 %2 连接到 %1</translation>
    </message>
    <message>
        <source>Connection reset by peer.</source>
        <translation>连接被对端重置。</translation>
    </message>
    <message>
        <source>The server closed the connection.</source>
        <translation>服务器关闭了连接。</translation>
    </message>
    <message>
        <source>Closed after an error.</source>
        <translation>出错后已关闭。</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
    <message>
        <source>Connecting to %1 timed out after %2 s.</source>
        <translation>连接 %1 超时（%2 秒）。</translation>
    </message>
    <message>
        <source>Connection refused by %1: nothing is listening there.</source>
        <translation>%1 拒绝连接：该端口上没有程序在监听。</translation>
    </message>
    <message>
        <source>Host &quot;%1&quot; was not found.</source>
        <translation>找不到主机“%1”。</translation>
    </message>
    <message>
        <source>%1 did not answer in time.</source>
        <translation>%1 未及时响应。</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2.</source>
        <translation>无法访问 %1：%2。</translation>
    </message>
    <message>
        <source>The connection to %1 failed: %2.</source>
        <translation>到 %1 的连接失败：%2。</translation>
    </message>
    <message>
        <source>A file is being sent: wait for it or cancel it first.</source>
        <translation>正在发送文件：请等待其完成或先取消。</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Sending %1 stopped after %2 of %3 bytes: %4.</source>
        <translation>发送 %1 在 %2 / %3 字节后停止：%4。</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>the connection closed</source>
        <translation>连接已关闭</translation>
    </message>
</context>
<context>
    <name>Net::TcpListener</name>
    <message>
        <source>Out of file descriptors: new connections wait until some close.</source>
        <translation>文件描述符已用尽：新连接将等待已有连接关闭。</translation>
    </message>
    <message>
        <source>Cannot accept a connection: %1.</source>
        <translation>无法接受连接：%1。</translation>
    </message>
</context>
<context>
    <name>Net::UdpClientSession</name>
    <message>
        <source>No host was given: enter an address or a host name.</source>
        <translation>未指定主机：请输入地址或主机名。</translation>
    </message>
    <message>
        <source>Port 0 cannot be sent to: choose a port from 1 to 65535.</source>
        <translation>无法向端口 0 发送：请选择 1 到 65535 之间的端口。</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>正在解析 %1…</translation>
    </message>
    <message>
        <source>Host &quot;%1&quot; was not found.</source>
        <translation>找不到主机“%1”。</translation>
    </message>
    <message>
        <source>Not ready: no address to send to.</source>
        <translation>未就绪：没有可发送的目标地址。</translation>
    </message>
    <message>
        <source>Could not open a UDP socket to %1: %2.</source>
        <translation>无法打开到 %1 的 UDP 套接字：%2。</translation>
    </message>
    <message>
        <source>Not ready.</source>
        <translation>未就绪。</translation>
    </message>
    <message>
        <source>Ready to send to %1 from local port %2</source>
        <translation>已就绪，可从本地端口 %2 向 %1 发送</translation>
    </message>
    <message>
        <source>No target yet: connect to a host and port first.</source>
        <translation>尚无目标：请先连接到主机和端口。</translation>
    </message>
    <message>
        <source>A UDP datagram carries at most %1 bytes; this one has %2, so nothing was sent.</source>
        <translation>UDP 数据报最多容纳 %1 字节，而此数据有 %2 字节，因此未发送。</translation>
    </message>
    <message>
        <source>Could not send the datagram to %1: %2.</source>
        <translation>无法向 %1 发送数据报：%2。</translation>
    </message>
    <message>
        <source>Not ready: there is nothing to close.</source>
        <translation>未就绪：没有可关闭的套接字。</translation>
    </message>
    <message>
        <source>Stopped: the local socket is closed.</source>
        <translation>已停止：本地套接字已关闭。</translation>
    </message>
    <message>
        <source>%1 refused the datagram (nothing is listening there).</source>
        <translation>%1 拒绝了数据报（该端口上没有程序在监听）。</translation>
    </message>
    <message>
        <source>UDP with %1 failed: %2.</source>
        <translation>与 %1 的 UDP 通信失败：%2。</translation>
    </message>
    <message>
        <source>%1 is not a multicast group: use 224.0.0.0 to 239.255.255.255 or ff00::/8.</source>
        <translation>%1 不是组播组：请使用 224.0.0.0 到 239.255.255.255 或 ff00::/8。</translation>
    </message>
    <message>
        <source>Interface %1 was not found.</source>
        <translation>未找到网络接口 %1。</translation>
    </message>
    <message>
        <source>Could not join the multicast group %1%2: %3.</source>
        <translation>无法加入组播组 %1%2：%3。</translation>
    </message>
    <message>
        <source> on %1</source>
        <translation>（接口 %1）</translation>
    </message>
    <message>
        <source>; multicast TTL %1, loopback %2</source>
        <translation>；组播 TTL %1，环回 %2</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>, joined %1</source>
        <translation>，已加入 %1</translation>
    </message>
</context>
<context>
    <name>Net::UpstreamConnector</name>
    <message>
        <source>Upstream %1 refused the connection.</source>
        <translation>上游 %1 拒绝了连接。</translation>
    </message>
    <message>
        <source>Upstream %1 did not answer within %2 ms.</source>
        <translation>上游 %1 在 %2 毫秒内没有应答。</translation>
    </message>
    <message>
        <source>Upstream %1 cannot be reached: %2.</source>
        <translation>无法到达上游 %1：%2。</translation>
    </message>
    <message>
        <source>Cannot connect to upstream %1: %2.</source>
        <translation>无法连接到上游 %1：%2。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Line %1 is not a header: write it as &quot;Name: value&quot;.</source>
        <translation>第 %1 行不是请求头：请写成“名称: 值”的形式。</translation>
    </message>
    <message>
        <source>Line %1: &quot;%2&quot; is not a valid header name (letters, digits and !#$%&amp;&apos;*+-.^_`|~, no spaces).</source>
        <translation>第 %1 行：“%2”不是有效的请求头名称（只能包含字母、数字和 !#$%&amp;&apos;*+-.^_`|~，不能有空格）。</translation>
    </message>
    <message>
        <source>Could not save the %1 export to “%2”: %3.</source>
        <translation>无法将 %1 导出保存到“%2”：%3。</translation>
    </message>
    <message>
        <source>Could not finish writing the %1 export to “%2”: %3.</source>
        <translation>无法完成 %1 导出文件“%2”的写入：%3。</translation>
    </message>
    <message>
        <source>Web server</source>
        <translation>Web 服务器</translation>
    </message>
    <message>
        <source>Listen on every interface?</source>
        <translation>在所有网络接口上监听？</translation>
    </message>
    <message>
        <source>Listen on the network?</source>
        <translation>在网络上监听？</translation>
    </message>
    <message>
        <source>Listening on %1 lets other machines on your network connect to this server and see what it serves.

Listen there anyway?</source>
        <translation>在 %1 上监听后，网络中的其他计算机可以连接到此服务器并看到它提供的内容。

仍然要在那里监听吗？</translation>
    </message>
    <message>
        <source>… %1 more bytes not shown</source>
        <translation>… 还有 %1 字节未显示</translation>
    </message>
    <message>
        <source>binary body, %1 bytes</source>
        <translation>二进制正文，%1 字节</translation>
    </message>
    <message>
        <source> from %1</source>
        <translation>，来自 %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>%1 (*.%2)</source>
        <translation>%1 (*.%2)</translation>
    </message>
    <message>
        <source>Export the traffic log</source>
        <translation>导出流量日志</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>中继</translation>
    </message>
    <message>
        <source>TCP server</source>
        <translation>TCP 服务器</translation>
    </message>
    <message>
        <source>UDP server</source>
        <translation>UDP 服务器</translation>
    </message>
</context>
<context>
    <name>RelayFaultsEditor</name>
    <message>
        <source>No faults</source>
        <translation>无故障</translation>
    </message>
    <message>
        <source>Relay faults</source>
        <translation>中继故障</translation>
    </message>
    <message>
        <source>Upstream faults (client to server)</source>
        <translation>上游故障（客户端到服务器）</translation>
    </message>
    <message>
        <source>Downstream faults (server to client)</source>
        <translation>下游故障（服务器到客户端）</translation>
    </message>
    <message>
        <source>Upstream</source>
        <translation>上游</translation>
    </message>
    <message>
        <source>Downstream</source>
        <translation>下游</translation>
    </message>
    <message>
        <source>What the client sends, on its way to the server</source>
        <translation>客户端发送的数据，在发往服务器途中</translation>
    </message>
    <message>
        <source>The server&apos;s answer, on its way back to the client</source>
        <translation>服务器的应答，在返回客户端途中</translation>
    </message>
    <message>
        <source>Switch every fault off</source>
        <translation>关闭所有故障</translation>
    </message>
</context>
<context>
    <name>RepeatControl</name>
    <message>
        <source>&amp;Repeat every</source>
        <translation>重复发送间隔(&amp;R)</translation>
    </message>
    <message>
        <source>Repeat the message</source>
        <translation>重复发送消息</translation>
    </message>
    <message>
        <source>Uncheck to stop.</source>
        <translation>取消勾选即停止。</translation>
    </message>
    <message>
        <source>Repeat interval in milliseconds</source>
        <translation>重复发送间隔（毫秒）</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>How many messages to send</source>
        <translation>要发送的消息条数</translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation>直到停止</translation>
    </message>
    <message>
        <source> times</source>
        <translation> 次</translation>
    </message>
    <message>
        <source>Messages left to repeat</source>
        <translation>剩余待重复发送的消息数</translation>
    </message>
    <message numerus="yes">
        <source>%n left</source>
        <translation>
            <numerusform>剩余 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Close after the reply</source>
        <translation>应答后关闭连接</translation>
    </message>
    <message>
        <source>Rule name</source>
        <translation>规则名称</translation>
    </message>
    <message>
        <source>Rule enabled</source>
        <translation>规则已启用</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Match kind</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Text (UTF-8), a regular expression, or hex digits for &quot;Hex prefix&quot;.</source>
        <translation>文本（UTF-8）、正则表达式，或用于“十六进制前缀”的十六进制数字。</translation>
    </message>
    <message>
        <source>&amp;Match:</source>
        <translation>匹配(&amp;M)：</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>应答</translation>
    </message>
    <message>
        <source>Macros: {{counter}} {{time}} {{unixtime}} {{random}} {{peer}} {{rx}} (the bytes received).</source>
        <translation>宏：{{counter}} {{time}} {{unixtime}} {{random}} {{peer}} {{rx}}（接收到的字节）。</translation>
    </message>
    <message>
        <source>Reply in hex</source>
        <translation>应答为十六进制</translation>
    </message>
    <message>
        <source>&amp;Reply:</source>
        <translation>应答(&amp;R)：</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Delay before the reply</source>
        <translation>应答前延迟</translation>
    </message>
    <message>
        <source>&amp;Delay:</source>
        <translation>延迟(&amp;D)：</translation>
    </message>
    <message>
        <source>The regular expression is not valid: %1 at character %2.</source>
        <translation>正则表达式无效：第 %2 个字符处%1。</translation>
    </message>
    <message>
        <source>The hex prefix &quot;%1&quot; is not hex digits in pairs (e.g. &quot;02 ff&quot;).</source>
        <translation>十六进制前缀“%1”不是成对的十六进制数字（例如“02 ff”）。</translation>
    </message>
    <message>
        <source>The hex reply &quot;%1&quot; is not hex digits in pairs (e.g. &quot;48 69 0d 0a&quot;); macros may stand between bytes.</source>
        <translation>十六进制应答“%1”不是成对的十六进制数字（例如“48 69 0d 0a”）；字节之间可以插入宏。</translation>
    </message>
    <message>
        <source>The delay must be from 0 to %1 ms.</source>
        <translation>延迟必须在 0 到 %1 毫秒之间。</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>完全相同</translation>
    </message>
    <message>
        <source>Starts with</source>
        <translation>开头为</translation>
    </message>
    <message>
        <source>Contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>Hex prefix</source>
        <translation>十六进制前缀</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>hex %1</source>
        <translation>十六进制 %1</translation>
    </message>
    <message>
        <source>The server is running: changed rules apply at OK, to the connections already open too, and the hit counts start again.</source>
        <translation>服务器正在运行：修改的规则在点击“确定”后生效，也作用于已打开的连接，命中次数重新计数。</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Reply rules</source>
        <translation>应答规则</translation>
    </message>
    <message>
        <source>Rules, first match wins</source>
        <translation>规则（首个匹配者生效）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>应答</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>命中</translation>
    </message>
    <message>
        <source>What is wrong with the rules</source>
        <translation>规则中的问题</translation>
    </message>
    <message>
        <source>Import and export result</source>
        <translation>导入导出结果</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Add a rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>移除(&amp;V)</translation>
    </message>
    <message>
        <source>Remove the selected rule</source>
        <translation>移除所选规则</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move the selected rule up</source>
        <translation>上移所选规则</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>Move the selected rule down</source>
        <translation>下移所选规则</translation>
    </message>
    <message>
        <source>Du&amp;plicate</source>
        <translation>复制(&amp;P)</translation>
    </message>
    <message>
        <source>Duplicate the selected rule</source>
        <translation>复制所选规则</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Import rules from a JSON file</source>
        <translation>从 JSON 文件导入规则</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the rules to a JSON file</source>
        <translation>将规则导出为 JSON 文件</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Sample input</source>
        <translation>示例输入</translation>
    </message>
    <message>
        <source>Type what a client would send</source>
        <translation>输入客户端可能发送的内容</translation>
    </message>
    <message>
        <source>Sample input in hex</source>
        <translation>示例输入为十六进制</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>测试结果</translation>
    </message>
    <message>
        <source>Rule %1</source>
        <translation>规则 %1</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation>规则 %1：%2</translation>
    </message>
    <message>
        <source>Type a sample to see which rule answers it.</source>
        <translation>输入示例，查看由哪条规则应答。</translation>
    </message>
    <message>
        <source>No rule matches: nothing is sent.</source>
        <translation>没有匹配的规则：不发送任何数据。</translation>
    </message>
    <message>
        <source>Rule %1 (%2) matches. Reply: %3</source>
        <translation>规则 %1（%2）匹配。应答：%3</translation>
    </message>
    <message>
        <source>after %1 ms.</source>
        <translation>（%1 毫秒后发出）</translation>
    </message>
    <message>
        <source>Then the connection closes.</source>
        <translation>然后关闭连接。</translation>
    </message>
    <message>
        <source>Could not open %1: %2.</source>
        <translation>无法打开 %1：%2。</translation>
    </message>
    <message>
        <source>%1 is too large to be a rules file.</source>
        <translation>%1 太大，不是规则文件。</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n rule(s) from %1.</source>
        <translation>
            <numerusform>已从 %1 导入 %n 条规则。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n rule(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 条规则导出到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import rules</source>
        <translation>导入规则</translation>
    </message>
    <message>
        <source>Rules (*.json);;All files (*)</source>
        <translation>规则 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export rules</source>
        <translation>导出规则</translation>
    </message>
</context>
<context>
    <name>SendAgainAction</name>
    <message>
        <source>Send &amp;again</source>
        <translation>再次发送(&amp;A)</translation>
    </message>
    <message>
        <source>Pick a data row to send its bytes again</source>
        <translation>选择一行数据以再次发送其字节</translation>
    </message>
    <message>
        <source>Only data rows can be sent again</source>
        <translation>只有数据行可以再次发送</translation>
    </message>
    <message>
        <source>The log kept only the first %1 of this row&apos;s %2: it cannot be sent again</source>
        <translation>日志只保留了此行 %2 中的前 %1：无法再次发送</translation>
    </message>
    <message>
        <source>Send these bytes again through client #%1</source>
        <translation>通过客户端 #%1 再次发送这些字节</translation>
    </message>
    <message>
        <source>Send these bytes through the client pane&apos;s session</source>
        <translation>通过客户端面板的会话发送这些字节</translation>
    </message>
</context>
<context>
    <name>SendBytesDialog</name>
    <message>
        <source>Send to %1</source>
        <translation>发送到 %1</translation>
    </message>
    <message>
        <source>Bytes to send</source>
        <translation>要发送的字节</translation>
    </message>
    <message>
        <source>Text sent as UTF-8; Ctrl+Return sends</source>
        <translation>文本以 UTF-8 发送；Ctrl+Return 发送</translation>
    </message>
    <message>
        <source>Se&amp;nd</source>
        <translation>发送(&amp;N)</translation>
    </message>
</context>
<context>
    <name>SendCommand</name>
    <message>
        <source>No reply from %1 within %2 ms.</source>
        <translation>%1 在 %2 毫秒内没有回复。</translation>
    </message>
    <message>
        <source>%1 closed the connection without a reply.</source>
        <translation>%1 未回复就关闭了连接。</translation>
    </message>
</context>
<context>
    <name>SendCommandLine</name>
    <message>
        <source>&quot;%1&quot; is not a target: write tcp://HOST:PORT or udp://HOST:PORT.</source>
        <translation>“%1”不是有效目标：请写成 tcp://HOST:PORT 或 udp://HOST:PORT。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no port: write tcp://HOST:PORT or udp://HOST:PORT, with a port from 1 to 65535.</source>
        <translation>“%1”没有端口：请写成 tcp://HOST:PORT 或 udp://HOST:PORT，端口为 1 到 65535。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a target: only a host and a port may follow %2://.</source>
        <translation>“%1”不是有效目标：%2:// 后只能跟主机和端口。</translation>
    </message>
    <message>
        <source>\x at character %1 needs two hex digits (\x0d).</source>
        <translation>第 %1 个字符处的 \x 需要两位十六进制数字（\x0d）。</translation>
    </message>
    <message>
        <source>Unknown escape at character %1: use \r, \n, \t, \xHH or \\.</source>
        <translation>第 %1 个字符处的转义未知：请使用 \r、\n、\t、\xHH 或 \\。</translation>
    </message>
    <message>
        <source>The message has characters that %1 cannot encode.</source>
        <translation>消息中含有 %1 无法编码的字符。</translation>
    </message>
    <message>
        <source>Send one message over TCP or UDP and print the reply.
MESSAGE may use the escapes \r \n \t \xHH and \\; &quot;-&quot; reads it from standard input.
Exit status: 0 sent (and a reply came, when one was awaited), 1 network error, 2 bad command line, 4 no reply within the wait.</source>
        <translation>通过 TCP 或 UDP 发送一条消息并打印回复。
MESSAGE 可使用转义 \r \n \t \xHH 和 \\；“-”表示从标准输入读取。
退出状态：0 已发送（若等待回复则已收到回复），1 网络错误，2 命令行有误，4 等待时间内没有回复。</translation>
    </message>
    <message>
        <source>The send command.</source>
        <translation>send 命令。</translation>
    </message>
    <message>
        <source>tcp://HOST:PORT or udp://HOST:PORT.</source>
        <translation>tcp://HOST:PORT 或 udp://HOST:PORT。</translation>
    </message>
    <message>
        <source>The text to send, or &quot;-&quot; for standard input.</source>
        <translation>要发送的文本，或用“-”表示标准输入。</translation>
    </message>
    <message>
        <source>MESSAGE is hex digits (spaces allowed); the reply is printed as hex.</source>
        <translation>MESSAGE 为十六进制数字（可含空格）；回复以十六进制打印。</translation>
    </message>
    <message>
        <source>Wait this many milliseconds for a reply; 0 does not wait (default 1000).</source>
        <translation>等待回复的毫秒数；0 表示不等待（默认 1000）。</translation>
    </message>
    <message>
        <source>Encoding of a text MESSAGE and of a text reply (default UTF-8).</source>
        <translation>文本 MESSAGE 和文本回复的编码（默认 UTF-8）。</translation>
    </message>
    <message>
        <source>send needs a target and a message: wirebench send tcp://HOST:PORT MESSAGE.</source>
        <translation>send 需要目标和消息：wirebench send tcp://HOST:PORT MESSAGE。</translation>
    </message>
    <message>
        <source>Unexpected argument: %1 (quote a message that has spaces).</source>
        <translation>多余的参数：%1（含空格的消息请加引号）。</translation>
    </message>
    <message>
        <source>--wait-reply: &quot;%1&quot; is not a number of milliseconds from 0 to %2.</source>
        <translation>--wait-reply：“%1”不是 0 到 %2 之间的毫秒数。</translation>
    </message>
    <message>
        <source>--encoding: &quot;%1&quot; is not an encoding this build knows.</source>
        <translation>--encoding：此版本不认识编码“%1”。</translation>
    </message>
</context>
<context>
    <name>ServeSpec</name>
    <message>
        <source>--serve %1: %2</source>
        <translation>--serve %1：%2</translation>
    </message>
    <message>
        <source>the kind must be web, tcp, udp or relay (as in tcp:127.0.0.1:7007).</source>
        <translation>类型必须是 web、tcp、udp 或 relay（如 tcp:127.0.0.1:7007）。</translation>
    </message>
    <message>
        <source>expected %1:ADDRESS:PORT (an IPv6 address in brackets, as [::1]).</source>
        <translation>应为 %1:ADDRESS:PORT（IPv6 地址需加方括号，如 [::1]）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address (an IPv6 one goes in brackets, as [::1]).</source>
        <translation>“%1”不是 IP 地址（IPv6 地址需加方括号，如 [::1]）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port number (0-65535).</source>
        <translation>“%1”不是端口号（0-65535）。</translation>
    </message>
    <message>
        <source>a web server needs a document root: web:ADDRESS:PORT:ROOT.</source>
        <translation>Web 服务器需要文档根目录：web:ADDRESS:PORT:ROOT。</translation>
    </message>
    <message>
        <source>the mode must be echo, listen or rules, not &quot;%1&quot;.</source>
        <translation>模式必须是 echo、listen 或 rules，而不是“%1”。</translation>
    </message>
    <message>
        <source>a relay needs an upstream: relay:ADDRESS:PORT:UPSTREAMHOST:UPSTREAMPORT.</source>
        <translation>中继需要上游：relay:ADDRESS:PORT:UPSTREAMHOST:UPSTREAMPORT。</translation>
    </message>
    <message>
        <source>the upstream must be an IP address or localhost, not &quot;%1&quot;.</source>
        <translation>上游必须是 IP 地址或 localhost，而不是“%1”。</translation>
    </message>
</context>
<context>
    <name>ServerCard</name>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Start or stop the %1</source>
        <translation>启动或停止 %1</translation>
    </message>
    <message>
        <source>%1 status</source>
        <translation>%1状态</translation>
    </message>
    <message>
        <source>%1 counters</source>
        <translation>%1计数</translation>
    </message>
    <message>
        <source>Bind address</source>
        <translation>绑定地址</translation>
    </message>
    <message>
        <source>127.0.0.1 and ::1 are reachable from this machine only; 0.0.0.0 and :: from everywhere.</source>
        <translation>127.0.0.1 和 ::1 只能从本机访问；0.0.0.0 和 :: 可从任何地方访问。</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <source>Document root</source>
        <translation>文档根目录</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose the document root</source>
        <translation>选择文档根目录</translation>
    </message>
    <message>
        <source>List directories without index.html</source>
        <translation>列出没有 index.html 的目录</translation>
    </message>
    <message>
        <source>Directory listing</source>
        <translation>目录列表</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address.</source>
        <translation>“%1”不是 IP 地址。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <source>%1 open · %2 total · in %3 · out %4</source>
        <translation>%1 个打开 · 共 %2 个 · 接收 %3 · 发送 %4</translation>
    </message>
    <message>
        <source>request</source>
        <translation>个请求</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>个请求</translation>
    </message>
    <message>
        <source>Reachable from the network</source>
        <translation>可从网络访问</translation>
    </message>
    <message>
        <source>%1 is reachable from the network</source>
        <translation>%1 可从网络访问</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口:</translation>
    </message>
    <message>
        <source>Root:</source>
        <translation>根目录:</translation>
    </message>
    <message>
        <source>Listening on %1: other machines on your network can connect.</source>
        <translation>正在监听 %1：网络中的其他机器可以连接。</translation>
    </message>
    <message>
        <source>error</source>
        <translation>个错误</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>个错误</translation>
    </message>
    <message>
        <source>Echo</source>
        <translation>回显</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>监听</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Server mode</source>
        <translation>服务器模式</translation>
    </message>
    <message>
        <source>Echo sends everything back; Listen only logs (answer from the connections table); Rules answers by the reply rules.</source>
        <translation>回显：原样发回所有数据；监听：只记录（可在连接表中应答）；规则：按应答规则应答。</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>规则…</translation>
    </message>
    <message>
        <source>Edit the reply rules</source>
        <translation>编辑应答规则</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the %1 %2</source>
        <translation>移除%1 %2</translation>
    </message>
    <message>
        <source>Stop this server and remove its card</source>
        <translation>停止此服务器并移除其卡片</translation>
    </message>
    <message>
        <source>Server name</source>
        <translation>服务器名称</translation>
    </message>
    <message>
        <source>The name the traffic log and the connections table show for this server</source>
        <translation>流量日志和连接表中显示的此服务器名称</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Upstream address</source>
        <translation>上游地址</translation>
    </message>
    <message>
        <source>An IP address or localhost: every accepted connection connects there</source>
        <translation>IP 地址或 localhost：每个接受的连接都会连到那里</translation>
    </message>
    <message>
        <source>Upstream port</source>
        <translation>上游端口</translation>
    </message>
    <message>
        <source>Upstream:</source>
        <translation>上游：</translation>
    </message>
    <message>
        <source>Faults</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Show the network faults</source>
        <translation>显示网络故障设置</translation>
    </message>
</context>
<context>
    <name>ServersPanel</name>
    <message>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Add server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <source>Add a server</source>
        <translation>添加一个服务器</translation>
    </message>
    <message>
        <source>Web server</source>
        <translation>Web 服务器</translation>
    </message>
    <message>
        <source>TCP server</source>
        <translation>TCP 服务器</translation>
    </message>
    <message>
        <source>UDP server</source>
        <translation>UDP 服务器</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>中继</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>移除 %1？</translation>
    </message>
    <message>
        <source>%1 has %2. Removing it closes them.</source>
        <translation>%1 有 %2。移除它会关闭这些连接。</translation>
    </message>
    <message>
        <source>open connection</source>
        <translation>个打开的连接</translation>
    </message>
    <message>
        <source>open connections</source>
        <translation>个打开的连接</translation>
    </message>
</context>
<context>
    <name>ThroughputChart</name>
    <message>
        <source>Throughput chart</source>
        <translation>吞吐量图表</translation>
    </message>
    <message>
        <source>Server shown in the chart</source>
        <translation>图表中显示的服务器</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Waiting for traffic…</source>
        <translation>等待流量…</translation>
    </message>
    <message>
        <source>%1 req/s</source>
        <translation>%1 请求/秒</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>−%1 s</source>
        <translation>−%1 秒</translation>
    </message>
    <message>
        <source>In %1</source>
        <translation>接收 %1</translation>
    </message>
    <message>
        <source>Out %1</source>
        <translation>发送 %1</translation>
    </message>
    <message>
        <source>In</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>req/s</source>
        <translation>请求/秒</translation>
    </message>
    <message>
        <source>%1 over the last second: in %2, out %3, %4 requests</source>
        <translation>%1 最近一秒：接收 %2，发送 %3，%4 个请求</translation>
    </message>
</context>
<context>
    <name>TrafficLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Conn</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Dir</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>closed by peer</source>
        <translation>被对端关闭</translation>
    </message>
    <message>
        <source>closed by peer mid-request</source>
        <translation>对端在请求中途关闭</translation>
    </message>
    <message>
        <source>closed by the user</source>
        <translation>被用户关闭</translation>
    </message>
    <message>
        <source>closed after error</source>
        <translation>出错后关闭</translation>
    </message>
    <message>
        <source>reset by peer</source>
        <translation>被对端重置</translation>
    </message>
    <message>
        <source>server stopped</source>
        <translation>服务器已停止</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>idle timeout</source>
        <translation>空闲超时</translation>
    </message>
    <message>
        <source>send timeout: the client stopped reading</source>
        <translation>发送超时：客户端停止了读取</translation>
    </message>
    <message>
        <source>file shrank while being sent</source>
        <translation>文件在发送过程中变小了</translation>
    </message>
    <message>
        <source>connection opened from %1</source>
        <translation>来自 %1 的连接已打开</translation>
    </message>
    <message>
        <source>connection closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <source>connection closed (%1)</source>
        <translation>连接已关闭（%1）</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>sending %1: %2 of %3</source>
        <translation>正在发送 %1：%2 / %3</translation>
    </message>
    <message>
        <source>client #%1</source>
        <translation>客户端 #%1</translation>
    </message>
</context>
<context>
    <name>TrafficLogPanel</name>
    <message>
        <source>Traffic log</source>
        <translation>流量日志</translation>
    </message>
    <message>
        <source>Traffic log events</source>
        <translation>流量日志事件</translation>
    </message>
    <message>
        <source>Events and details</source>
        <translation>事件与详情</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Filter: text, address, path…</source>
        <translation>筛选：文本、地址、路径…</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>All servers</source>
        <translation>所有服务器</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP 状态</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>2xx</source>
        <translation>2xx</translation>
    </message>
    <message>
        <source>3xx</source>
        <translation>3xx</translation>
    </message>
    <message>
        <source>4xx</source>
        <translation>4xx</translation>
    </message>
    <message>
        <source>5xx</source>
        <translation>5xx</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Errors: 4xx and 5xx exchanges and connection errors</source>
        <translation>错误：4xx 和 5xx 交互以及连接错误</translation>
    </message>
    <message>
        <source>Remove the connection filter</source>
        <translation>取消连接筛选</translation>
    </message>
    <message>
        <source>Show every connection again</source>
        <translation>重新显示所有连接</translation>
    </message>
    <message>
        <source>Pause the log</source>
        <translation>暂停日志</translation>
    </message>
    <message>
        <source>Stop updating the table; capture continues</source>
        <translation>停止更新表格；捕获仍在继续</translation>
    </message>
    <message>
        <source>Auto-scroll</source>
        <translation>自动滚动</translation>
    </message>
    <message>
        <source>Follow new events while the table is scrolled to the bottom</source>
        <translation>表格滚动到底部时跟随新事件</translation>
    </message>
    <message>
        <source>Clear the log</source>
        <translation>清除日志</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Export the log</source>
        <translation>导出日志</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Events not shown</source>
        <translation>未显示的事件</translation>
    </message>
    <message>
        <source>Events dropped under load or evicted from the log to bound its memory</source>
        <translation>因负载过高而丢弃、或为限制内存而从日志中移除的事件</translation>
    </message>
    <message>
        <source>Connection #%1 ✕</source>
        <translation>连接 #%1 ✕</translation>
    </message>
    <message>
        <source>Paused — %1 new</source>
        <translation>已暂停 — %1 条新事件</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Events waiting while paused</source>
        <translation>暂停期间等待的事件</translation>
    </message>
    <message>
        <source>Save the events the filter shows as CSV, JSON Lines or HAR (Ctrl+E)</source>
        <translation>将筛选显示的事件保存为 CSV、JSON Lines 或 HAR（Ctrl+E）</translation>
    </message>
    <message>
        <source>&amp;Find in log…</source>
        <translation>在日志中查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Export log…</source>
        <translation>导出日志(&amp;E)…</translation>
    </message>
    <message>
        <source>event not shown</source>
        <translation>条事件未显示</translation>
    </message>
    <message>
        <source>events not shown</source>
        <translation>条事件未显示</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Show the transcript as</source>
        <translation>会话记录的显示方式</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Bytes and messages sent and received</source>
        <translation>已发送和接收的字节与消息</translation>
    </message>
    <message>
        <source>Clear the transcript and the counters</source>
        <translation>清除会话记录和计数</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>会话记录</translation>
    </message>
    <message>
        <source>… %1 older events are not shown here</source>
        <translation>… 此处未显示 %1 个较早的事件</translation>
    </message>
    <message>
        <source>Sent %1 in %2 · Received %3 in %4</source>
        <translation>已发送 %1（%2）· 已接收 %3（%4）</translation>
    </message>
    <message>
        <source>%1 · %2 (headers after %3)</source>
        <translation>%1 · %2（响应头用时 %3）</translation>
    </message>
    <message>
        <source>View &amp;as:</source>
        <translation>显示为(&amp;A):</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>message</source>
        <translation>条消息</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>条消息</translation>
    </message>
    <message>
        <source>%1 from the file %2</source>
        <translation>来自文件 %2 的 %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Try &apos;wirebench --help&apos;.</source>
        <translation>请尝试运行“wirebench --help”。</translation>
    </message>
    <message>
        <source>Try &apos;wirebench send --help&apos;.</source>
        <translation>请尝试 “wirebench send --help”。</translation>
    </message>
    <message>
        <source>Cannot read standard input.</source>
        <translation>无法读取标准输入。</translation>
    </message>
    <message>
        <source>The message on standard input is larger than %1 MiB.</source>
        <translation>标准输入中的消息大于 %1 MiB。</translation>
    </message>
</context>
</TS>
