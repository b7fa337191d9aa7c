# bash completion for sheaf, installed as share/bash-completion/completions/sheaf.
# Commands and options come from the `sheaf` being completed, from its own --help at completion
# time, so they follow the CLI with no list kept here. CLI11's layout: a "Subcommands:" block
# ("SUBCOMMANDS:" from CLI11 2.5), and option lines "  -o,--output TEXT ..." (2.5:
# "  -o,     --output TEXT ..."). Anything else completes as a file name.

# _sheaf_help_words commands|options SHEAF [COMMAND]: the commands, or the option names of every
# option line whichever group heads it, that `SHEAF [COMMAND] --help` lists, one a line.
_sheaf_help_words() {
  local kind=$1
  shift
  "$@" --help 2>/dev/null | awk -v kind="$kind" '
    /^[^ ]/ { in_commands = (toupper($0) == "SUBCOMMANDS:"); next }
    kind == "commands" && in_commands && /^  [a-z]/ { print $1 }
    kind == "options" && /^ +-/ {
      for (f = 1; f <= NF && $f ~ /^-/; f++) {
        n = split($f, names, ",")
        for (i = 1; i <= n; i++) if (names[i] ~ /^-/) print names[i]
      }
    }'
}

_sheaf() {
  local cur=${COMP_WORDS[COMP_CWORD]} sheaf=${COMP_WORDS[0]} commands command="" i
  commands=$(_sheaf_help_words commands "$sheaf")
  # The command is the first word after `sheaf` that names one.
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ $'\n'$commands$'\n' == *$'\n'${COMP_WORDS[i]}$'\n'* ]]; then
      command=${COMP_WORDS[i]}
      break
    fi
  done
  if [[ $cur == -* ]]; then
    local options
    options=$(_sheaf_help_words options "$sheaf" ${command:+"$command"})
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
  elif [[ -z $command ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
  else
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
}

complete -F _sheaf sheaf
