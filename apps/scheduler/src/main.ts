console.log('topicops scheduler: not yet implemented');
