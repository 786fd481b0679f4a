#!/bin/sh
# The simulated machine behind ipmi_sim's BMC: the "chassis_control" program of lan.conf.
# ipmi_sim calls it as
#   chassis-control MC get power [boot]       -> prints "power:1" (on) or "power:0" (off)
#   chassis-control MC set power 0|1 [...]     -> switches the machine off or on
# The machine's power is the file "power" beside this script (1 when absent). Each power-off
# appends a line to "powered-off" and runs "on-power-off" if it is there (the cluster tests kill
# the node's daemon and take its links down in it); a power-on runs "on-power-on" likewise.
# Every call is logged to "chassis.log".
dir=$(dirname "$0")
mc=$1
op=$2
shift 2
echo "$(date +%s.%N) $mc $op $*" >> "$dir/chassis.log"
power() { cat "$dir/power" 2>/dev/null || echo 1; }
case "$op" in
  get)
    for parm in "$@"; do
      case "$parm" in
        power) echo "power:$(power)" ;;
        boot) echo "boot:default" ;;
        *) echo "Invalid parameter: $parm"; exit 1 ;;
      esac
    done
    ;;
  set)
    while [ $# -ge 2 ]; do
      parm=$1
      val=$2
      shift 2
      case "$parm" in
        power)
          echo "$val" > "$dir/power"
          if [ "$val" = 0 ]; then
            echo "off $(date +%s.%N)" >> "$dir/powered-off"
            if [ -x "$dir/on-power-off" ]; then "$dir/on-power-off" >> "$dir/hooks.log" 2>&1; fi
          else
            if [ -x "$dir/on-power-on" ]; then "$dir/on-power-on" >> "$dir/hooks.log" 2>&1; fi
          fi
          ;;
        reset|boot|shutdown|identify) ;;
        *) echo "Invalid parameter: $parm"; exit 1 ;;
      esac
    done
    ;;
  *)
    echo "Unknown operation: $op"
    exit 1
    ;;
esac
exit 0
