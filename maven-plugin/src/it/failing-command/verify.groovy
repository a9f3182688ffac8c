import dev.imagespec.maven.it.ItSupport

def env = new File(itEnv)
def log = ItSupport.log(basedir)
assert log.contains('BUILD FAILURE')
// The failure names the tool and shows its last lines, the failing command's output among them.
def failure = log.substring(log.indexOf('[ERROR] Failed to execute goal'))
assert failure.contains('imagespec: 1 image build failed')
assert failure.contains('buildah build of ' + ItSupport.registry(env) + '/it-fails:')
assert failure.contains('failed with exit code')
assert failure.contains('about-to-fail-marker')
assert failure.contains('Nothing was pushed')
// Nothing reached the registry.
assert ItSupport.tags(env, 'it-fails').isEmpty()
def rows = ItSupport.results(new File(basedir, 'target/imagespec/images.json'))
assert rows.size() == 1 && rows[0].outcome == 'failed' && rows[0].pushed == false && rows[0].digest == null
return true
