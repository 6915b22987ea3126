<#
.SYNOPSIS
Starts a local Restaking cluster: Redis on loopback (membership table + run checkpoints, password-protected, data in
the cluster folder) and N silo processes with Redis membership; or stops exactly what it started.

.EXAMPLE
./run-cluster.ps1 -Silos 3
./run-cluster.ps1 -Silos 3 -Scenario scenarios/mainnet-2025.json
./run-cluster.ps1 -Plugin plugins/Restaking.Plugins.Sequencer/bin/Restaking.Plugins.Sequencer.dll -Scenario scenarios/plugins/shared-sequencer.json
./run-cluster.ps1 -Stop

.NOTES
The PowerShell twin of run-cluster.sh (same folder layout, same cluster.json, so `restaking run FILE --cluster` works
after either). $env:RESTAKING_CLI overrides how the restaking command is started (default: build src/Restaking.Cli
in Release once, then `dotnet restaking.dll`).
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 32)] [int] $Silos = 3,
    [string] $Scenario = "",
    # Plug-in assemblies every silo (and the run of -Scenario) loads: docs/plugins.md.
    [string[]] $Plugin = @(),
    [string] $Bind = "127.0.0.1",
    [string] $Advertise = "",
    [string] $Dir = $(if ($env:RESTAKING_CLUSTER) { $env:RESTAKING_CLUSTER } else { ".restaking-cluster" }),
    [switch] $Stop
)
$ErrorActionPreference = "Stop"
$root = $PSScriptRoot

function Fail([string] $message) { [Console]::Error.WriteLine("run-cluster.ps1: $message"); exit 2 }

if ($Bind -eq "0.0.0.0" -and -not $Advertise) { Fail "-Bind 0.0.0.0 listens on every interface: give the address other hosts reach the silos at with -Advertise ADDR" }
if ($Scenario -and -not (Test-Path -PathType Leaf $Scenario)) { Fail "-Scenario: ${Scenario}: no such file" }
$pluginArguments = @()
foreach ($p in $Plugin) {
    if (-not (Test-Path -PathType Leaf $p)) { Fail "-Plugin: ${p}: no such file" }
    $pluginArguments += @("--plugin", (Resolve-Path $p).Path)
}
New-Item -ItemType Directory -Force -Path $Dir | Out-Null
$Dir = (Resolve-Path $Dir).Path

# A PID file's process, if it is still the one we started (PIDs get reused): its command line names what we ran.
function Get-LivePid([string] $file, [string] $expect) {
    if (-not (Test-Path $file)) { return $null }
    $id = [int](Get-Content $file -Raw).Trim()
    $p = Get-Process -Id $id -ErrorAction SilentlyContinue
    if (-not $p) { return $null }
    $line = if ($p.CommandLine) { $p.CommandLine } else { $p.Path }
    if ($line -match $expect) { return $id } else { return $null }
}

function Stop-One([string] $file, [string] $expect, [string] $name) {
    $id = Get-LivePid $file $expect
    if ($id) {
        $p = Get-Process -Id $id
        if ($IsWindows) { Stop-Process -Id $id } else { & kill -TERM $id }
        if ($p.WaitForExit(20000)) { Write-Output "$name (pid $id): stopped" }
        else { Stop-Process -Id $id -Force; Write-Output "$name (pid $id): killed" }
    }
    Remove-Item -Force -ErrorAction SilentlyContinue $file
}

if ($Stop) {
    $found = $false
    foreach ($f in Get-ChildItem -Path $Dir -Filter "silo-*.pid") { $found = $true; Stop-One $f.FullName "restaking" $f.BaseName }
    if (Test-Path "$Dir/redis.pid") { $found = $true; Stop-One "$Dir/redis.pid" "redis-server" "redis" }
    if (-not $found) { Write-Output "nothing to stop in $Dir" }
    Remove-Item -Force -ErrorAction SilentlyContinue "$Dir/cluster.json"
    exit 0
}

foreach ($f in @(Get-ChildItem -Path $Dir -Filter "*.pid")) {
    if (Get-LivePid $f.FullName "restaking|redis-server") { Fail "a cluster is already running from ${Dir}: stop it first with ./run-cluster.ps1 -Stop -Dir $Dir" }
    Remove-Item -Force $f.FullName
}

# 1. Redis.
if (-not (Get-Command redis-server -ErrorAction SilentlyContinue)) {
    $isRoot = -not $IsWindows -and ((& id -u) -eq "0")
    if ($isRoot -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        [Console]::Error.WriteLine("redis-server not found: installing the Debian package redis-server")
        & apt-get install -y redis-server *> "$Dir/apt.log"
        if ($LASTEXITCODE -ne 0) { & apt-get update *>> "$Dir/apt.log"; & apt-get install -y redis-server *>> "$Dir/apt.log" }
        if ($LASTEXITCODE -ne 0) { [Console]::Error.WriteLine("run-cluster.ps1: could not install redis-server (see $Dir/apt.log); install it with: sudo apt-get install -y redis-server"); exit 1 }
    }
    else {
        [Console]::Error.WriteLine("run-cluster.ps1: redis-server not found; install it with: sudo apt-get install -y redis-server (Windows: run Redis under WSL or use run-cluster.sh there)")
        exit 1
    }
}

# A free TCP port on loopback, below the ephemeral ranges (Linux 32768+, Windows 49152+), which outgoing
# connections draw from at any moment; the set avoids handing the same one out twice.
$taken = New-Object System.Collections.Generic.HashSet[int]
function Get-FreePort {
    while ($true) {
        $port = Get-Random -Minimum 10000 -Maximum 32767
        if ($taken.Contains($port)) { continue }
        try {
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $port)
            $listener.Start(); $listener.Stop()
        }
        catch { continue }
        [void]$taken.Add($port)
        return $port
    }
}

$redisPort = Get-FreePort
$bytes = New-Object byte[] 24
[System.Security.Cryptography.RandomNumberGenerator]::Fill($bytes)
$password = -join ($bytes | ForEach-Object { $_.ToString("x2") })
New-Item -ItemType Directory -Force -Path "$Dir/redis" | Out-Null
@"
# Written by run-cluster.ps1: loopback only, password required, data in this folder.
bind 127.0.0.1
protected-mode yes
port $redisPort
requirepass $password
dir $Dir/redis
daemonize no
appendonly no
"@ | Set-Content -NoNewline:$false -Path "$Dir/redis.conf"
if (-not $IsWindows) { & chmod 600 "$Dir/redis.conf" }
$redis = Start-Process -FilePath redis-server -ArgumentList "$Dir/redis.conf" -RedirectStandardOutput "$Dir/redis.log" -RedirectStandardError "$Dir/redis.err.log" -PassThru
Set-Content -Path "$Dir/redis.pid" -Value $redis.Id
$up = $false
for ($i = 0; $i -lt 100 -and -not $up; $i++) {
    $up = ((& redis-cli -h 127.0.0.1 -p $redisPort -a $password --no-auth-warning ping 2>$null) -eq "PONG")
    if (-not $up) { Start-Sleep -Milliseconds 100 }
}
if (-not $up) { [Console]::Error.WriteLine("run-cluster.ps1: redis did not start (see $Dir/redis.log)"); exit 1 }

# 2. The restaking command.
if ($env:RESTAKING_CLI) { $cli = $env:RESTAKING_CLI -split ' ' }
else {
    [Console]::Error.WriteLine("building src/Restaking.Cli (Release)")
    & dotnet build -c Release "$root/src/Restaking.Cli" -v quiet -nologo *> "$Dir/build.log"
    if ($LASTEXITCODE -ne 0) { [Console]::Error.WriteLine("run-cluster.ps1: build failed (see $Dir/build.log)"); exit 1 }
    $cli = @("dotnet", "$root/src/Restaking.Cli/bin/Release/net10.0/restaking.dll")
}
$exe = $cli[0]; $prefix = @($cli | Select-Object -Skip 1)

# 3. cluster.json: what clients (and the silos) read.
$ports = foreach ($i in 1..$Silos) { [ordered]@{ index = $i; siloPort = (Get-FreePort); gatewayPort = (Get-FreePort); webPort = (Get-FreePort) } }
$dashboardHost = if ($Bind -eq "0.0.0.0") { "127.0.0.1" } else { $Bind }
$dashboard = "http://${dashboardHost}:$($ports[0].webPort)/dashboard/"
[ordered]@{
    redis = "127.0.0.1:$redisPort"; password = $password; clusterId = "restaking"; dashboard = $dashboard; silos = @($ports)
} | ConvertTo-Json -Depth 4 | Set-Content -Path "$Dir/cluster.json"
if (-not $IsWindows) { & chmod 600 "$Dir/cluster.json" }

# 4. The silos.
foreach ($p in $ports) {
    $arguments = $prefix + @("silo", "--cluster", $Dir, "--silo-port", $p.siloPort, "--gateway-port", $p.gatewayPort, "--web-port", $p.webPort, "--bind", $Bind)
    if ($Advertise) { $arguments += @("--advertise", $Advertise) }
    $arguments += $pluginArguments
    $silo = Start-Process -FilePath $exe -ArgumentList $arguments -RedirectStandardOutput "$Dir/silo-$($p.index).out.log" -RedirectStandardError "$Dir/silo-$($p.index).log" -PassThru
    Set-Content -Path "$Dir/silo-$($p.index).pid" -Value $silo.Id
}
[Console]::Error.WriteLine("waiting for $Silos silos to join (logs: $Dir/silo-*.log)")
# Ready means joined and serving: a silo joins the membership before its web host binds, so wait for both.
foreach ($p in $ports) {
    $log = "$Dir/silo-$($p.index).log"
    $id = [int](Get-Content "$Dir/silo-$($p.index).pid" -Raw).Trim()
    for ($i = 0; $i -lt 1800; $i++) {
        if ((Test-Path $log) -and (Select-String -Path $log -Pattern "^silo ready" -Quiet)) { break }
        if (-not (Get-Process -Id $id -ErrorAction SilentlyContinue)) { break }
        Start-Sleep -Milliseconds 100
    }
    if (-not ((Test-Path $log) -and (Select-String -Path $log -Pattern "^silo ready" -Quiet))) {
        [Console]::Error.WriteLine("run-cluster.ps1: silo $($p.index) did not start; see $log; stop the others with ./run-cluster.ps1 -Stop -Dir $Dir")
        exit 1
    }
}
& $exe @prefix cluster status --cluster $Dir --wait $Silos --timeout 180
if ($LASTEXITCODE -ne 0) { [Console]::Error.WriteLine("run-cluster.ps1: not every silo joined; see $Dir/silo-*.log; stop with ./run-cluster.ps1 -Stop -Dir $Dir"); exit 1 }

Write-Output "dashboard: $dashboard"
Write-Output "submit a run:  $($cli -join ' ') run scenarios/quickstart.json --cluster $Dir $($pluginArguments -join ' ')"
Write-Output "stop:          ./run-cluster.ps1 -Stop -Dir $Dir"

if ($Scenario) {
    & $exe @prefix run $Scenario --cluster $Dir @pluginArguments
    exit $LASTEXITCODE
}
