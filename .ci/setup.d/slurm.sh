#!/usr/bin/env bash
# A single-node Slurm cluster on localhost for the farm tests (tests/Compositor.Cli.Tests/Farm):
# slurm-wlm and munge from Debian, a minimal slurm.conf (one node "localhost", everything as root,
# no cgroups), munged, slurmctld and slurmd started by hand (CI has no systemd). Idempotent: a
# cluster that already answers is left as it is. Exits non-zero when the node never becomes idle;
# the Slurm tests then report themselves skipped with the reason.
set -uo pipefail

log() { echo "slurm setup: $*" >&2; }

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null \
    || { log "apt-get install slurm-wlm munge failed"; exit 1; }
fi

if sinfo -h -n localhost -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; then
  log "cluster already up"; exit 0
fi

cpus=$(nproc)
conf_dir=/etc/slurm
mkdir -p "$conf_dir" /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge /var/lib/munge /var/log/munge
cat > "$conf_dir/slurm.conf" <<CONF
# Written by .ci/setup.d/slurm.sh: one node, everything as root, no cgroups.
ClusterName=compositor
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=10
Waittime=0
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

# munge: a key (the package may have made one), then the daemon.
if [ ! -s /etc/munge/munge.key ]; then
  if command -v mungekey >/dev/null 2>&1; then mungekey --create --force >/dev/null 2>&1
  else dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none; fi
fi
if id munge >/dev/null 2>&1; then
  chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge /run/munge
fi
chmod 0700 /etc/munge; chmod 0400 /etc/munge/munge.key; chmod 0755 /run/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  if id munge >/dev/null 2>&1; then
    runuser -u munge -- munged 2>/dev/null || munged --force
  else
    munged --force
  fi
  for _ in $(seq 1 20); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.5; done
fi
munge -n | unmunge >/dev/null 2>&1 || { log "munged does not answer"; exit 1; }

# The controller, then the node daemon (named localhost whatever the host name is).
pgrep -x slurmctld >/dev/null || slurmctld -c || { log "slurmctld failed to start; see /var/log/slurm/slurmctld.log"; exit 1; }
for _ in $(seq 1 30); do scontrol ping 2>/dev/null | grep -q UP && break; sleep 1; done
pgrep -x slurmd >/dev/null || slurmd -N localhost || { log "slurmd failed to start; see /var/log/slurm/slurmd.log"; exit 1; }

for _ in $(seq 1 60); do
  state=$(sinfo -h -n localhost -o '%T' 2>/dev/null | head -1)
  case "$state" in
    idle|mixed|allocated) log "node localhost is $state"; exit 0 ;;
    down*|drain*) scontrol update NodeName=localhost State=RESUME >/dev/null 2>&1 ;;
  esac
  sleep 1
done
log "node localhost never became idle (state: ${state:-none}); see /var/log/slurm/"
exit 1
