# A minimal stand-in for Homebrew's cask DSL: evaluates a cask file for one CPU (ARGV[1]: arm or
# intel) and prints what Homebrew would read from it as JSON. Only the stanzas our cask uses exist,
# so an unknown stanza fails loudly, as it would in `brew audit`.
require "json"

class CaskDSL
  attr_reader :data

  def initialize(cpu)
    @cpu = cpu
    @data = {}
  end

  def arch(arm: nil, intel: nil)
    return @arch if arm.nil? && intel.nil?
    @arch = @cpu == "arm" ? arm : intel
  end

  def version(value = nil)
    return @data[:version] if value.nil?
    @data[:version] = value
  end

  def sha256(value = nil, arm: nil, intel: nil)
    @data[:sha256] = value || (@cpu == "arm" ? arm : intel)
  end

  %i[url name desc homepage app].each do |stanza|
    define_method(stanza) { |value| @data[stanza] = value }
  end

  def auto_updates(value) = @data[:auto_updates] = value
  def depends_on(**value) = @data[:depends_on] = value.transform_values(&:to_s)
  def uninstall(**value) = @data[:uninstall] = value
  def zap(**value) = @data[:zap] = value
end

def cask(token, &block)
  dsl = CaskDSL.new(ARGV[1])
  dsl.instance_eval(&block)
  puts JSON.generate(dsl.data.merge(token: token))
end

load ARGV[0]
