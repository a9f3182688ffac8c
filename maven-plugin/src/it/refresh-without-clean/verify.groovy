import dev.imagespec.maven.it.ItSupport
import groovy.json.JsonSlurper
import java.util.zip.ZipFile

def env = new File(itEnv)
def first = ItSupport.results(new File(basedir, 'target/imagespec/first.json'))[0]
def second = ItSupport.results(new File(basedir, 'target/imagespec/images.json'))[0]
assert first.outcome == 'built' && second.outcome == 'built'
def tag1 = first.image.substring(first.image.lastIndexOf(':') + 1)
def tag2 = second.image.substring(second.image.lastIndexOf(':') + 1)
assert tag1 != tag2 : 'the edit must give a new tag'
// both images are in the registry, each with the digest its build pushed
assert ItSupport.tags(env, 'it-refresh').containsAll([tag1, tag2])
assert ItSupport.digest(env, second.image) == second.digest

// the second build compiled nothing: the refresh goal rewrote the descriptor
def log = ItSupport.log(basedir)
assert log.contains('Nothing to compile')
assert log.contains('dev.it.refresh.Refreshed: the files of its spec changed; tag ' + tag1 + ' is now ' + tag2)
def descriptor = new JsonSlurper().parse(new File(basedir, 'target/classes/META-INF/imagespec/dev.it.refresh.Refreshed.json'))
assert descriptor.tag == tag2 && descriptor.image_name == second.image
// and the jar carries the new descriptor
def jar = new ZipFile(new File(basedir, 'target/refresh-without-clean-1.0.jar'))
def inJar = new JsonSlurper().parse(jar.getInputStream(jar.getEntry('META-INF/imagespec/dev.it.refresh.Refreshed.json')))
jar.close()
assert inJar.tag == tag2
return true
